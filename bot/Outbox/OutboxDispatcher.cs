using Azure;
using Azure.Data.Tables;
using Microsoft.Extensions.Options;
using TeamsSafeguarding.Operations.Telemetry;
using TeamsSafeguarding.Storage;
using TeamsSafeguarding.Teams.Connector;

namespace TeamsSafeguarding.Outbox;

/// <summary>
/// Sends what the outbox holds. Each partition's messages go in the order they were queued, lane by lane: a
/// message waiting to be retried holds back the later ones for the same conversation or the same card (an update
/// must not overtake its post, a chat must read in order), but not the rest of the case, so one person's chat
/// failing for a while does not delay the coordinators' reminder or a card everyone sees.
/// Delivery is at least once: a crash after sending but before marking sent sends the message again.
/// </summary>
public sealed class OutboxDispatcher(TableClient table, DeliveryTargets targets, OutboxSignal signal,
    TimeProvider clock, IOptions<OutboxOptions> options, ILogger<OutboxDispatcher> log) : BackgroundService
{
    private readonly OutboxOptions _options = options.Value;

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                await DispatchOnceAsync(stoppingToken);
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                log.LogError("Outbox pass failed with {ExceptionType}", e.GetType().Name);
            }
            try { await signal.WaitAsync(_options.PollInterval, stoppingToken); }
            catch (OperationCanceledException) { break; }
        }
    }

    /// <summary>One pass over every partition with unsent messages. Returns how many were sent.</summary>
    public async Task<int> DispatchOnceAsync(CancellationToken ct)
    {
        var filter = TableClient.CreateQueryFilter(
            $"RowKey ge {OutboxRow.Prefix} and RowKey lt {Keys.PrefixEnd(OutboxRow.Prefix)}");
        var pending = new List<TableEntity>();
        await foreach (var row in table.QueryAsync<TableEntity>(filter, cancellationToken: ct)) pending.Add(row);
        var oldest = pending.Select(r => r.GetDateTimeOffset("QueuedAt")).Min();
        BotTelemetry.OutboxObserved(pending.Count, oldest is { } queued ? clock.GetUtcNow() - queued : TimeSpan.Zero);

        var sent = 0;
        foreach (var partition in pending.GroupBy(r => r.PartitionKey))
        {
            var held = new HashSet<string>(StringComparer.Ordinal);
            foreach (var row in partition.OrderBy(r => r.RowKey, StringComparer.Ordinal))
            {
                var lanes = LanesOf(row);
                if (lanes.Overlaps(held))
                {
                    held.UnionWith(lanes); // behind a waiting message: so is anything behind this one
                    continue;
                }
                var outcome = await TrySendAsync(row, ct);
                if (outcome == Outcome.Sent) sent++;
                else if (outcome == Outcome.Waiting) held.UnionWith(lanes);
            }
        }
        return sent;
    }

    /// <summary>
    /// What a message must stay in order with: its conversation (or person), and the card it posts or updates.
    /// An update's conversation is only known from its post, which shares the card's lane.
    /// </summary>
    public static HashSet<string> LanesOf(TableEntity row)
    {
        var kind = row.GetString("TargetKind");
        var target = row.GetString("TargetId");
        var key = row.GetString("MessageKey");
        if (kind == nameof(TargetKind.Update)) return ["card:" + target];
        var lanes = new HashSet<string>(StringComparer.Ordinal) { $"to:{kind}:{target}" };
        if (!string.IsNullOrEmpty(key)) lanes.Add("card:" + key);
        return lanes;
    }

    private enum Outcome { Sent, Waiting, Failed }

    private async Task<Outcome> TrySendAsync(TableEntity row, CancellationToken ct)
    {
        var now = clock.GetUtcNow();
        if (row.GetDateTimeOffset("NextAttemptAt") > now || row.GetDateTimeOffset("LeaseUntil") > now) return Outcome.Waiting;

        // Take a lease: if another instance changed the row first, leave it to them.
        row["LeaseUntil"] = now + _options.Lease;
        try
        {
            var leased = await table.UpdateEntityAsync(row, row.ETag, TableUpdateMode.Merge, ct);
            row.ETag = leased.Headers.ETag ?? row.ETag;
        }
        catch (RequestFailedException e) when (e.Status is 412 or 404)
        {
            return Outcome.Waiting;
        }

        var message = OutboxRow.Read(row);
        var attempts = (row.GetInt32("Attempts") ?? 0) + 1;
        using var span = BotTelemetry.StartOutboxSend(message.Target.Kind.ToString(), attempts);
        try
        {
            var previous = message.Target.Kind == TargetKind.Update ? await FindPostedAsync(row.PartitionKey, message.Target.Id, ct) : null;
            var posted = await targets.DeliverAsync(message, previous, ct);
            var done = new List<TableTransactionAction> { new(TableTransactionActionType.Delete, row, row.ETag) };
            if (message.MessageKey is { } key && posted is not null && message.Target.Kind != TargetKind.Update)
                done.Add(new(TableTransactionActionType.UpsertReplace, new TableEntity(row.PartitionKey, OutboxRow.PostedKey(key))
                {
                    ["ServiceUrl"] = posted.ServiceUrl,
                    ["ConversationId"] = posted.ConversationId,
                    ["ActivityId"] = posted.ActivityId,
                    ["PostedAt"] = clock.GetUtcNow(),
                }));
            await table.SubmitTransactionAsync(done, ct);
            log.LogInformation("Sent an outbox message ({TargetKind}) after {Attempts} attempt(s)", message.Target.Kind, attempts);
            BotTelemetry.OutboxSendEnded(span, "sent");
            return Outcome.Sent;
        }
        catch (ConnectorException e) when (!e.IsPermanent && attempts < _options.MaxAttempts)
        {
            await ScheduleRetryAsync(row, attempts, $"{e.StatusCode} {e.ErrorCode}", ct, e.RetryAfter);
            BotTelemetry.OutboxSendEnded(span, "retry", $"{e.StatusCode} {e.ErrorCode}");
            return Outcome.Waiting;
        }
        catch (ConnectorException e)
        {
            await RecordFailureAsync(row, attempts, $"{e.StatusCode} {e.ErrorCode}", ct);
            BotTelemetry.OutboxSendEnded(span, "failed", $"{e.StatusCode} {e.ErrorCode}");
            return Outcome.Failed;
        }
        catch (UndeliverableException e)
        {
            await RecordFailureAsync(row, attempts, e.Code, ct);
            BotTelemetry.OutboxSendEnded(span, "failed", e.Code);
            return Outcome.Failed;
        }
        catch (Exception e) when (e is not OperationCanceledException && attempts < _options.MaxAttempts)
        {
            // Network errors, timeouts: try again later.
            await ScheduleRetryAsync(row, attempts, e.GetType().Name, ct);
            BotTelemetry.OutboxSendEnded(span, "retry", e.GetType().Name);
            return Outcome.Waiting;
        }
    }

    /// <summary>
    /// The wait before the next attempt: FirstBackoff doubled per attempt up to MaxBackoff, but never shorter than
    /// the Connector's Retry-After (throttling), itself capped at MaxBackoff so a bad header cannot park a message.
    /// </summary>
    public TimeSpan BackoffAfter(int attempts, TimeSpan? retryAfter = null)
    {
        var factor = Math.Pow(2, Math.Min(attempts - 1, 20));
        var wait = TimeSpan.FromTicks((long)Math.Min(_options.FirstBackoff.Ticks * factor, _options.MaxBackoff.Ticks));
        if (retryAfter is { } asked && asked > wait) wait = asked < _options.MaxBackoff ? asked : _options.MaxBackoff;
        return wait;
    }

    private async Task ScheduleRetryAsync(TableEntity row, int attempts, string reason, CancellationToken ct, TimeSpan? retryAfter = null)
    {
        row["Attempts"] = attempts;
        row["NextAttemptAt"] = clock.GetUtcNow() + BackoffAfter(attempts, retryAfter);
        row["LeaseUntil"] = null;
        row["LastError"] = reason;
        await table.UpdateEntityAsync(row, row.ETag, TableUpdateMode.Replace, ct);
        log.LogWarning("Outbox message will be retried (attempt {Attempts}): {Reason}", attempts, reason);
    }

    private async Task RecordFailureAsync(TableEntity row, int attempts, string reason, CancellationToken ct)
    {
        var failed = new TableEntity(row.PartitionKey, OutboxRow.FailedPrefix + row.RowKey[OutboxRow.Prefix.Length..]);
        foreach (var (k, v) in row) if (k is not ("PartitionKey" or "RowKey" or "Timestamp" or "odata.etag")) failed[k] = v;
        failed["Attempts"] = attempts;
        failed["LeaseUntil"] = null;
        failed["FailedAt"] = clock.GetUtcNow();
        failed["Reason"] = reason;
        await table.SubmitTransactionAsync(
        [
            new(TableTransactionActionType.Delete, row, row.ETag),
            new(TableTransactionActionType.Add, failed),
        ], ct);
        log.LogError("Outbox message could not be delivered and was recorded as failed: {Reason}", reason);
    }

    private async Task<DeliveryTargets.Posted?> FindPostedAsync(string partitionKey, string messageKey, CancellationToken ct)
    {
        var row = await table.GetEntityIfExistsAsync<TableEntity>(partitionKey, OutboxRow.PostedKey(messageKey), cancellationToken: ct);
        return row.HasValue
            ? new DeliveryTargets.Posted(row.Value!.GetString("ServiceUrl"), row.Value.GetString("ConversationId"), row.Value.GetString("ActivityId"))
            : null;
    }
}
