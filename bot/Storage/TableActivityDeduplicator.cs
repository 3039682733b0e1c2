using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;
using Azure;
using Azure.Data.Tables;
using TeamsSafeguarding.Teams;
using TeamsSafeguarding.Operations;

namespace TeamsSafeguarding.Storage;

/// <summary>
/// Redelivery guard on Table Storage: one row per (conversation, activity) in partition "dedupe|…". Insert wins once
/// (409 means a redelivery). The guard holds ids and the answer's status only: an invoke's answer can show a person's
/// details, so it is kept (row "answer|{hash of the ids}") in the partition its handler named, the case's own, or not
/// at all. Guards and kept answers older than an hour are swept by <see cref="DedupeSweeper"/>.
/// </summary>
public sealed class TableActivityDeduplicator(TableClient table) : IActivityDeduplicator
{
    public const string PartitionPrefix = "dedupe|";
    public const string AnswerPrefix = "answer|";

    private static (string Pk, string Rk) KeyOf(string conversationId, string activityId) =>
        (PartitionPrefix + Keys.Escape(conversationId), Keys.Escape(activityId));

    /// <summary>Fixed length, whatever the ids: the kept answer's row key in its data's partition.</summary>
    public static string AnswerRowOf(string conversationId, string activityId) =>
        AnswerPrefix + Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(conversationId + "\n" + activityId)));

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
        var keep = response.Body is not null && !string.IsNullOrEmpty(response.KeepWith);
        if (keep)
        {
            // The answer first, so a guard that points at an answer always finds it.
            await table.UpsertEntityAsync(new TableEntity(response.KeepWith, AnswerRowOf(conversationId, activityId))
            {
                ["Status"] = response.Status,
                ["Body"] = response.Body!.ToJsonString(),
            }, TableUpdateMode.Replace, ct);
        }
        var (pk, rk) = KeyOf(conversationId, activityId);
        await table.UpsertEntityAsync(new TableEntity(pk, rk)
        {
            ["Status"] = response.Status,
            ["HasBody"] = response.Body is not null,
            ["AnswerIn"] = keep ? response.KeepWith : null,
        }, TableUpdateMode.Merge, ct);
    }

    public async Task<InvokeResponse?> FindResponseAsync(string conversationId, string activityId, CancellationToken ct)
    {
        var (pk, rk) = KeyOf(conversationId, activityId);
        var guard = await table.GetEntityIfExistsAsync<TableEntity>(pk, rk, cancellationToken: ct);
        if (!guard.HasValue || guard.Value!.GetInt32("Status") is not int status) return null;
        if (guard.Value.GetBoolean("HasBody") != true) return new InvokeResponse(status, null);
        if (guard.Value.GetString("AnswerIn") is not { Length: > 0 } partition) return InvokeResponse.AlreadyHandled();
        var kept = await table.GetEntityIfExistsAsync<TableEntity>(partition, AnswerRowOf(conversationId, activityId), cancellationToken: ct);
        return kept.HasValue && kept.Value!.GetString("Body") is { } body
            ? new InvokeResponse(kept.Value.GetInt32("Status") ?? status, JsonNode.Parse(body))
            : InvokeResponse.AlreadyHandled();
    }
}

/// <summary>
/// Deletes redelivery guards and kept answers older than an hour; Teams only redelivers within about a minute.
/// Kept answers live in their data's partitions, so they are found by row key across the table.
/// </summary>
public sealed class DedupeSweeper(TableClient table, TimeProvider clock, ILogger<DedupeSweeper> log) : BackgroundService
{
    public static readonly TimeSpan KeepFor = TimeSpan.FromHours(1);

    public async Task<int> SweepOnceAsync(CancellationToken ct)
    {
        var cutoff = clock.GetUtcNow() - KeepFor;
        const string guards = TableActivityDeduplicator.PartitionPrefix, answers = TableActivityDeduplicator.AnswerPrefix;
        var removed = await DeleteAsync(TableClient.CreateQueryFilter(
            $"PartitionKey ge {guards} and PartitionKey lt {Keys.PrefixEnd(guards)} and Timestamp lt {cutoff}"), ct);
        removed += await DeleteAsync(TableClient.CreateQueryFilter(
            $"RowKey ge {answers} and RowKey lt {Keys.PrefixEnd(answers)} and Timestamp lt {cutoff}"), ct);
        return removed;
    }

    private async Task<int> DeleteAsync(string filter, CancellationToken ct)
    {
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
