using Azure;
using Azure.Data.Tables;
using TeamsSafeguarding.Operations.Telemetry;
using TeamsSafeguarding.Storage;
using TeamsSafeguarding.Teams.Connector;

namespace TeamsSafeguarding.Outbox;

/// <summary>
/// Sends a held partition's messages: in queue order, lane by lane, only a card's newest state, each conversation paced at
/// Teams' limits and at most <see cref="OutboxOptions.Concurrency"/> sends at once across partitions. A sent message's
/// row is deleted (with where its card was posted, for later updates); a failed attempt is retried later, with backoff,
/// until it is recorded as failed.
/// </summary>
internal sealed class PartitionSender(TableClient table, DeliveryTargets targets, PartitionHold hold, TimeProvider clock,
    TimeProvider waits, OutboxOptions options, ILogger log)
{
    private readonly ConversationPacing _pacing = new(waits);
    private readonly SemaphoreSlim _sending = new(Math.Max(1, options.Concurrency));

    /// <summary>Sends, one after another in queue order, every message of the partition that can go now. Returns how many went, and the next retry time.</summary>
    public async Task<(int Sent, DateTimeOffset? NextRetry)> SendWhatCanGoAsync(PartitionSession session, CancellationToken ct)
    {
        var sent = 0;
        string? reserved = null;
        while (true)
        {
            bool mustQuery;
            lock (session)
            {
                if (!session.Owned) return (sent, null);
                mustQuery = session.MustQuery;
            }
            if (mustQuery) await ReadPartitionAsync(session, ct);

            PartitionSession.Plan plan;
            lock (session) plan = session.Next(clock.GetUtcNow());
            if (plan.Send is null)
            {
                if (plan.Dropped.Count > 0) await DeleteAsync(session, [], plan.Dropped, ct);
                return (sent, plan.NextRetry);
            }

            if (!await hold.KeepAsync(session, ct)) return (sent, null);

            var message = OutboxRow.Read(plan.Send);
            DeliveryTargets.Posted? previous = null;
            if (message.Target.Kind == TargetKind.Update) previous = await PostedAsync(session, message.Target.Id, ct);
            var thread = ThreadOf(message, previous);
            if (thread != reserved)
            {
                var wait = _pacing.Reserve(thread);
                if (wait > TimeSpan.Zero)
                {
                    // Newer updates may arrive while waiting: the plan is made again afterwards, in the moment reserved.
                    reserved = thread;
                    await Task.Delay(wait, waits, ct);
                    continue;
                }
            }
            reserved = null;
            await _sending.WaitAsync(ct);
            try
            {
                if (await TrySendAsync(session, plan.Send, message, previous, plan.Dropped, ct) == Outcome.Sent) sent++;
            }
            finally
            {
                _sending.Release();
            }
        }
    }

    /// <summary>Reads the partition's waiting messages from storage (there may be some this instance was not handed).</summary>
    private async Task ReadPartitionAsync(PartitionSession session, CancellationToken ct)
    {
        var at = clock.GetUtcNow();
        var filter = TableClient.CreateQueryFilter(
            $"PartitionKey eq {session.PartitionKey} and RowKey ge {OutboxRow.Prefix} and RowKey lt {Keys.PrefixEnd(OutboxRow.Prefix)}");
        var rows = new List<TableEntity>();
        await foreach (var row in table.QueryAsync<TableEntity>(filter, cancellationToken: ct)) rows.Add(row);
        lock (session)
        {
            if (!session.Owned) return;
            foreach (var row in rows) session.Pending.TryAdd(row.RowKey, row);
            session.MustQuery = false;
            session.LastQueryAt = at;
        }
    }

    /// <summary>Where a card of this partition was posted: known here since this instance holds the partition, else read once.</summary>
    private async Task<DeliveryTargets.Posted?> PostedAsync(PartitionSession session, string messageKey, CancellationToken ct)
    {
        lock (session)
            if (session.Posted.TryGetValue(messageKey, out var known)) return known;
        var row = await table.GetEntityIfExistsAsync<TableEntity>(session.PartitionKey, OutboxRow.PostedKey(messageKey), cancellationToken: ct);
        if (!row.HasValue) return null;
        var posted = new DeliveryTargets.Posted(row.Value!.GetString("ServiceUrl"), row.Value.GetString("ConversationId"), row.Value.GetString("ActivityId"));
        lock (session) session.Posted[messageKey] = posted;
        return posted;
    }

    /// <summary>The Teams thread a send counts against: a chat, a channel (a new thread in it), a channel thread (an update).</summary>
    private static string ThreadOf(OutboundMessage message, DeliveryTargets.Posted? previous) => message.Target.Kind switch
    {
        TargetKind.Update => previous?.ConversationId ?? "update:" + message.Target.Id,
        TargetKind.User => "user:" + message.Target.Id,
        _ => message.Target.Id,
    };

    private enum Outcome { Sent, Waiting, Failed }

    private async Task<Outcome> TrySendAsync(PartitionSession session, TableEntity row, OutboundMessage message,
        DeliveryTargets.Posted? previous, IReadOnlyList<TableEntity> dropped, CancellationToken ct)
    {
        var attempts = (row.GetInt32("Attempts") ?? 0) + 1;
        using var span = BotTelemetry.StartOutboxSend(message.Target.Kind.ToString(), attempts);
        try
        {
            var posted = await targets.DeliverAsync(message, previous, ct);
            var (update, card) = PartitionSession.CardOf(row);
            var remember = message.MessageKey is { } key && posted is not null && message.Target.Kind != TargetKind.Update
                ? new TableEntity(session.PartitionKey, OutboxRow.PostedKey(key))
                {
                    ["ServiceUrl"] = posted.ServiceUrl,
                    ["ConversationId"] = posted.ConversationId,
                    ["ActivityId"] = posted.ActivityId,
                    ["PostedAt"] = clock.GetUtcNow(),
                }
                : null;
            await DeleteAsync(session, remember is null ? [] : [new(TableTransactionActionType.UpsertReplace, remember)], [row, .. dropped], ct);
            lock (session)
            {
                // Only an update is a state that older updates give way to: a post queued in the same instant as a later
                // update (a frozen test clock, another instance's clock) may sort after it, and must not make it look older.
                if (update && card is not null) session.LastSent[card] = row.RowKey;
                if (remember is not null) session.Posted[message.MessageKey!] = posted!;
            }
            log.LogInformation("Sent an outbox message ({TargetKind}) after {Attempts} attempt(s)", message.Target.Kind, attempts);
            BotTelemetry.OutboxSendEnded(span, "sent");
            return Outcome.Sent;
        }
        catch (ConnectorException e) when (!e.IsPermanent && attempts < options.MaxAttempts)
        {
            await ScheduleRetryAsync(session, row, attempts, $"{e.StatusCode} {e.ErrorCode}", ct, e.RetryAfter);
            BotTelemetry.OutboxSendEnded(span, "retry", $"{e.StatusCode} {e.ErrorCode}");
            return Outcome.Waiting;
        }
        catch (ConnectorException e)
        {
            await RecordFailureAsync(session, row, attempts, $"{e.StatusCode} {e.ErrorCode}", dropped, ct);
            BotTelemetry.OutboxSendEnded(span, "failed", $"{e.StatusCode} {e.ErrorCode}");
            return Outcome.Failed;
        }
        catch (UndeliverableException e)
        {
            await RecordFailureAsync(session, row, attempts, e.Code, dropped, ct);
            BotTelemetry.OutboxSendEnded(span, "failed", e.Code);
            return Outcome.Failed;
        }
        catch (Exception e) when (e is not OperationCanceledException && attempts < options.MaxAttempts)
        {
            // Network errors, timeouts: try again later.
            await ScheduleRetryAsync(session, row, attempts, e.GetType().Name, ct);
            BotTelemetry.OutboxSendEnded(span, "retry", e.GetType().Name);
            return Outcome.Waiting;
        }
    }

    private async Task ScheduleRetryAsync(PartitionSession session, TableEntity row, int attempts, string reason, CancellationToken ct,
        TimeSpan? retryAfter = null)
    {
        row["Attempts"] = attempts;
        row["NextAttemptAt"] = clock.GetUtcNow() + options.BackoffAfter(attempts, retryAfter);
        row["LeaseUntil"] = null;
        row["LastError"] = reason;
        // Only the partition's holder writes its messages: the row is replaced whatever its ETag.
        await table.UpdateEntityAsync(row, ETag.All, TableUpdateMode.Replace, ct);
        log.LogWarning("Outbox message will be retried (attempt {Attempts}): {Reason}", attempts, reason);
    }

    private async Task RecordFailureAsync(PartitionSession session, TableEntity row, int attempts, string reason,
        IReadOnlyList<TableEntity> dropped, CancellationToken ct)
    {
        var failed = new TableEntity(row.PartitionKey, OutboxRow.FailedPrefix + row.RowKey[OutboxRow.Prefix.Length..]);
        foreach (var (k, v) in row) if (k is not ("PartitionKey" or "RowKey" or "Timestamp" or "odata.etag")) failed[k] = v;
        failed["Attempts"] = attempts;
        failed["LeaseUntil"] = null;
        failed["FailedAt"] = clock.GetUtcNow();
        failed["Reason"] = reason;
        await DeleteAsync(session, [new(TableTransactionActionType.Add, failed)], [row, .. dropped], ct);
        log.LogError("Outbox message could not be delivered and was recorded as failed: {Reason}", reason);
    }

    /// <summary>
    /// Removes sent (or replaced) messages from the partition, with <paramref name="also"/> in the same transaction. A row
    /// already gone is simply not there to remove. A few rows are plain deletes side by side: a transaction costs the
    /// storage client several times the work of one.
    /// </summary>
    private async Task DeleteAsync(PartitionSession session, IReadOnlyList<TableTransactionAction> also, IReadOnlyList<TableEntity> rows,
        CancellationToken ct)
    {
        if (also.Count == 0 && rows.Count <= 4) await Task.WhenAll(rows.Select(row => DeleteOneAsync(row, ct)));
        else
        {
            var actions = also.Concat(rows.Select(r => new TableTransactionAction(TableTransactionActionType.Delete, r, ETag.All))).ToList();
            for (var at = 0; at < actions.Count; at += 100)
            {
                var batch = actions.Skip(at).Take(100).ToList();
                try
                {
                    await table.SubmitTransactionAsync(batch, ct);
                }
                catch (TableTransactionFailedException e) when (e.Status == 404)
                {
                    foreach (var action in batch)
                    {
                        if (action.ActionType == TableTransactionActionType.Delete) await DeleteOneAsync(action.Entity, ct);
                        else await table.SubmitTransactionAsync([action], ct);
                    }
                }
            }
        }
        lock (session)
            foreach (var row in rows) session.Pending.Remove(row.RowKey);
    }

    private async Task DeleteOneAsync(ITableEntity row, CancellationToken ct)
    {
        try { await table.DeleteEntityAsync(row.PartitionKey, row.RowKey, ETag.All, ct); }
        catch (RequestFailedException e) when (e.Status == 404) { }
    }
}
