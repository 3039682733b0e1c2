using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;
using Azure;
using Azure.Data.Tables;
using TeamsSafeguarding.Teams;
using TeamsSafeguarding.Operations;

namespace TeamsSafeguarding.Storage;

/// <summary>
/// Redelivery guard on Table Storage: one row per (conversation, activity), insert wins once (409 means a redelivery).
/// Rows go in partitions by the hour they were claimed, "dedupe|{yyyyMMddHH}|{conversation}", so the sweep reads just
/// the hours that are due. A redelivery comes within a minute or so: one claimed just after the hour turned also looks
/// in the hour before. The guard holds ids and the answer's status only: an invoke's answer can show a person's details,
/// so it is kept (row "answer|{hash of the ids}") in the partition its handler named, the case's own, or not at all;
/// the guard names that partition, so the sweep removes the answer with its guard, an hour later.
/// </summary>
public sealed class TableActivityDeduplicator(TableClient table, TimeProvider clock) : IActivityDeduplicator
{
    public const string PartitionPrefix = "dedupe|";
    public const string AnswerPrefix = "answer|";

    /// <summary>How long after the hour turns a claim also looks for the first delivery in the hour before.</summary>
    public static readonly TimeSpan RedeliveryWindow = TimeSpan.FromMinutes(5);

    public static string HourOf(DateTimeOffset at) => at.UtcDateTime.ToString("yyyyMMddHH", CultureInfo.InvariantCulture);

    private static string PartitionOf(string hour, string conversationId) => PartitionPrefix + hour + "|" + Keys.Escape(conversationId);

    /// <summary>Fixed length, whatever the ids: the kept answer's row key in its data's partition.</summary>
    public static string AnswerRowOf(string conversationId, string activityId) =>
        AnswerPrefix + Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(conversationId + "\n" + activityId)));

    public async Task<bool> TryClaimAsync(string conversationId, string activityId, CancellationToken ct)
    {
        var now = clock.GetUtcNow();
        var pk = PartitionOf(HourOf(now), conversationId);
        var rk = Keys.Escape(activityId);
        try
        {
            await table.AddEntityAsync(new TableEntity(pk, rk), ct);
        }
        catch (RequestFailedException e) when (e.Status == 409)
        {
            return false;
        }
        if (await EarlierHourGuardAsync(conversationId, activityId, now, ct) is not null)
        {
            await table.DeleteEntityAsync(pk, rk, ETag.All, ct); // the first delivery's guard is the one that counts
            return false;
        }
        return true;
    }

    /// <summary>
    /// Removes this delivery's claim, made this hour or (if it has just turned) the last: a guard of the hour before for
    /// the same ids can only be this delivery's, since finding one there makes the claim fail.
    /// </summary>
    public async Task ReleaseAsync(string conversationId, string activityId, CancellationToken ct)
    {
        var now = clock.GetUtcNow();
        foreach (var hour in new[] { HourOf(now), HourOf(now - RedeliveryWindow) }.Distinct())
        {
            try { await table.DeleteEntityAsync(PartitionOf(hour, conversationId), Keys.Escape(activityId), ETag.All, ct); }
            catch (RequestFailedException e) when (e.Status == 404) { }
        }
    }

    public async Task RememberResponseAsync(string conversationId, string activityId, InvokeResponse response, CancellationToken ct)
    {
        // In this hour's partition, even if the claim was made in the last: the answer is looked for here first.
        var pk = PartitionOf(HourOf(clock.GetUtcNow()), conversationId);
        var keep = response.Body is not null && !string.IsNullOrEmpty(response.KeepWith);
        // The guard first, naming where the answer goes, so the sweep always finds the answer; a redelivery in between is
        // told the click was handled.
        await table.UpsertEntityAsync(new TableEntity(pk, Keys.Escape(activityId))
        {
            ["Status"] = response.Status,
            ["HasBody"] = response.Body is not null,
            ["AnswerIn"] = keep ? response.KeepWith : null,
        }, TableUpdateMode.Merge, ct);
        if (keep)
        {
            await table.UpsertEntityAsync(new TableEntity(response.KeepWith, AnswerRowOf(conversationId, activityId))
            {
                ["Status"] = response.Status,
                ["Body"] = response.Body!.ToJsonString(),
            }, TableUpdateMode.Replace, ct);
        }
    }

    public async Task<InvokeResponse?> FindResponseAsync(string conversationId, string activityId, CancellationToken ct)
    {
        var now = clock.GetUtcNow();
        var guard = await GuardAsync(PartitionOf(HourOf(now), conversationId), activityId, ct)
            ?? await EarlierHourGuardAsync(conversationId, activityId, now, ct);
        if (guard is null || guard.GetInt32("Status") is not int status) return null;
        if (guard.GetBoolean("HasBody") != true) return new InvokeResponse(status, null);
        if (guard.GetString("AnswerIn") is not { Length: > 0 } partition) return InvokeResponse.AlreadyHandled();
        var kept = await table.GetEntityIfExistsAsync<TableEntity>(partition, AnswerRowOf(conversationId, activityId), cancellationToken: ct);
        return kept.HasValue && kept.Value!.GetString("Body") is { } body
            ? new InvokeResponse(kept.Value.GetInt32("Status") ?? status, JsonNode.Parse(body))
            : InvokeResponse.AlreadyHandled();
    }

    /// <summary>The guard of the hour before, when the hour turned only just now; else null.</summary>
    private Task<TableEntity?> EarlierHourGuardAsync(string conversationId, string activityId, DateTimeOffset now, CancellationToken ct)
    {
        var before = now - RedeliveryWindow;
        return HourOf(before) == HourOf(now) ? Task.FromResult<TableEntity?>(null) : GuardAsync(PartitionOf(HourOf(before), conversationId), activityId, ct);
    }

    private async Task<TableEntity?> GuardAsync(string partitionKey, string activityId, CancellationToken ct)
    {
        var row = await table.GetEntityIfExistsAsync<TableEntity>(partitionKey, Keys.Escape(activityId), cancellationToken: ct);
        return row.HasValue ? row.Value : null;
    }
}

/// <summary>
/// Deletes redelivery guards, and the answers they kept, once their hour is more than <see cref="KeepFor"/> ago; Teams
/// only redelivers within about a minute. Reads only the hours that are due (a range of partition keys), never the table.
/// </summary>
public sealed class DedupeSweeper(TableClient table, TimeProvider clock, ILogger<DedupeSweeper> log) : BackgroundService
{
    public static readonly TimeSpan KeepFor = TimeSpan.FromHours(1);

    public async Task<int> SweepOnceAsync(CancellationToken ct)
    {
        // Every hour before the one KeepFor ago has ended more than KeepFor ago.
        var due = TableActivityDeduplicator.PartitionPrefix + TableActivityDeduplicator.HourOf(clock.GetUtcNow() - KeepFor);
        var filter = TableClient.CreateQueryFilter($"PartitionKey ge {TableActivityDeduplicator.PartitionPrefix} and PartitionKey lt {due}");
        var removed = 0;
        await foreach (var guard in table.QueryAsync<TableEntity>(filter, select: ["PartitionKey", "RowKey", "AnswerIn"], cancellationToken: ct))
        {
            if (guard.GetString("AnswerIn") is { Length: > 0 } partition && ConversationOf(guard.PartitionKey) is { } conversationId)
            {
                var answer = TableActivityDeduplicator.AnswerRowOf(conversationId, Keys.Unescape(guard.RowKey));
                await DeleteAsync(partition, answer, ct);
                removed++;
            }
            await DeleteAsync(guard.PartitionKey, guard.RowKey, ct);
            removed++;
        }
        return removed;
    }

    /// <summary>"dedupe|{hour}|{escaped conversation}" to the conversation id.</summary>
    private static string? ConversationOf(string partitionKey)
    {
        var bar = partitionKey.IndexOf('|', TableActivityDeduplicator.PartitionPrefix.Length);
        return bar < 0 ? null : Keys.Unescape(partitionKey[(bar + 1)..]);
    }

    private async Task DeleteAsync(string partitionKey, string rowKey, CancellationToken ct)
    {
        try { await table.DeleteEntityAsync(partitionKey, rowKey, ETag.All, ct); }
        catch (RequestFailedException e) when (e.Status == 404) { }
    }

    protected override Task ExecuteAsync(CancellationToken stoppingToken) =>
        PeriodicSweep.RunAsync(TimeSpan.FromMinutes(10), clock, runAtStart: false, SweepOnceAsync, log, "Sweeping redelivery guards", stoppingToken);
}
