using System.Text.Json.Nodes;
using Azure;
using Azure.Data.Tables;
using TeamsSafeguarding.Teams;
using TeamsSafeguarding.Operations;

namespace TeamsSafeguarding.Storage;

/// <summary>
/// Redelivery guard on Table Storage: one row per (conversation, activity) in partition "dedupe|…".
/// Insert wins once (409 means a redelivery). Rows older than an hour are swept by <see cref="DedupeSweeper"/>.
/// </summary>
public sealed class TableActivityDeduplicator(TableClient table) : IActivityDeduplicator
{
    public const string PartitionPrefix = "dedupe|";

    private static (string Pk, string Rk) KeyOf(string conversationId, string activityId) =>
        (PartitionPrefix + Keys.Escape(conversationId), Keys.Escape(activityId));

    public async Task<bool> TryClaimAsync(string conversationId, string activityId, CancellationToken ct)
    {
        var (pk, rk) = KeyOf(conversationId, activityId);
        try
        {
            await table.AddEntityAsync(new TableEntity(pk, rk), ct);
            return true;
        }
        catch (RequestFailedException e) when (e.Status == 409)
        {
            return false;
        }
    }

    public async Task ReleaseAsync(string conversationId, string activityId, CancellationToken ct)
    {
        var (pk, rk) = KeyOf(conversationId, activityId);
        await table.DeleteEntityAsync(pk, rk, ETag.All, ct);
    }

    public async Task RememberResponseAsync(string conversationId, string activityId, InvokeResponse response, CancellationToken ct)
    {
        var (pk, rk) = KeyOf(conversationId, activityId);
        var entity = new TableEntity(pk, rk)
        {
            ["Status"] = response.Status,
            ["Body"] = response.Body?.ToJsonString(),
        };
        await table.UpsertEntityAsync(entity, TableUpdateMode.Merge, ct);
    }

    public async Task<InvokeResponse?> FindResponseAsync(string conversationId, string activityId, CancellationToken ct)
    {
        var (pk, rk) = KeyOf(conversationId, activityId);
        var row = await table.GetEntityIfExistsAsync<TableEntity>(pk, rk, cancellationToken: ct);
        if (!row.HasValue || row.Value!.GetInt32("Status") is not int status) return null;
        var body = row.Value.GetString("Body");
        return new InvokeResponse(status, body is null ? null : JsonNode.Parse(body));
    }
}

/// <summary>Deletes redelivery guards older than an hour; Teams only redelivers within about a minute.</summary>
public sealed class DedupeSweeper(TableClient table, TimeProvider clock, ILogger<DedupeSweeper> log) : BackgroundService
{
    public static readonly TimeSpan KeepFor = TimeSpan.FromHours(1);

    public async Task<int> SweepOnceAsync(CancellationToken ct)
    {
        var cutoff = clock.GetUtcNow() - KeepFor;
        var filter = TableClient.CreateQueryFilter(
            $"PartitionKey ge {TableActivityDeduplicator.PartitionPrefix} and PartitionKey lt {Keys.PrefixEnd(TableActivityDeduplicator.PartitionPrefix)} and Timestamp lt {cutoff}");
        var removed = 0;
        await foreach (var row in table.QueryAsync<TableEntity>(filter, select: ["PartitionKey", "RowKey"], cancellationToken: ct))
        {
            await table.DeleteEntityAsync(row.PartitionKey, row.RowKey, ETag.All, ct);
            removed++;
        }
        return removed;
    }

    protected override Task ExecuteAsync(CancellationToken stoppingToken) =>
        PeriodicSweep.RunAsync(TimeSpan.FromMinutes(10), clock, runAtStart: false, SweepOnceAsync, log, "Sweeping redelivery guards", stoppingToken);
}
