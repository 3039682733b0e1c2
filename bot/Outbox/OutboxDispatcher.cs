using Azure;
using Azure.Data.Tables;
using Microsoft.Extensions.Options;
using TeamsSafeguarding.Operations.Telemetry;
using TeamsSafeguarding.Storage;
using TeamsSafeguarding.Teams.Connector;

namespace TeamsSafeguarding.Outbox;

/// <summary>
/// Sends what the outbox holds, without ever scanning the table. A transaction that queues messages first marks its
/// partition in the <see cref="OutboxIndex"/>; when this instance holds that mark (it made it, or already held it) the
/// committed messages are handed over in process and sent at once. Every <see cref="OutboxOptions.PollInterval"/> a pass
/// reads the index for partitions nobody holds: after a crash, another instance's commits, retries come due.
/// One instance sends a partition at a time (the mark's lease), in the order queued, lane by lane: a message waiting to
/// be retried holds back the later ones for the same conversation or the same card (an update must not overtake its
/// post, a chat must read in order), but not the rest of the case. Only a card's newest state is sent: older updates of
/// it still waiting are dropped. Partitions are sent concurrently (bounded), each conversation paced at Teams' limits.
/// Delivery is at least once: a crash after sending but before the row is deleted sends the message again.
/// </summary>
public sealed class OutboxDispatcher : BackgroundService
{
    private readonly TableClient _table;
    private readonly DeliveryTargets _targets;
    private readonly TimeProvider _clock;
    private readonly OutboxOptions _options;
    private readonly ILogger<OutboxDispatcher> _log;
    private readonly OutboxIndex _index;
    private readonly ConversationPacing _pacing;
    private readonly SemaphoreSlim _sending;
    private readonly Dictionary<string, PartitionSession> _sessions = new(StringComparer.Ordinal);
    private readonly CancellationTokenSource _stopping = new();
    // Waits between looks are real time: the bot's clock (which tests freeze or move by days) says what is due, not how
    // long to wait before looking again.
    private readonly TimeProvider _waits = TimeProvider.System;

    /// <summary>This instance, as the holder of partitions in the index.</summary>
    public string Instance { get; } = Guid.NewGuid().ToString("N");

    public OutboxDispatcher(TableClient table, DeliveryTargets targets, OutboxSignal signal, TimeProvider clock,
        IOptions<OutboxOptions> options, ILogger<OutboxDispatcher> log)
    {
        _table = table;
        _targets = targets;
        _clock = clock;
        _options = options.Value;
        _log = log;
        _index = new OutboxIndex(table);
        _pacing = new ConversationPacing(_waits);
        _sending = new SemaphoreSlim(Math.Max(1, _options.Concurrency));
        signal.Attach(this);
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(_options.PollInterval, _waits);
        do
        {
            try
            {
                await DispatchOnceAsync(stoppingToken);
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                _log.LogError("Outbox pass failed with {ExceptionType}", e.GetType().Name);
            }
        }
        while (await WaitAsync(timer, stoppingToken));
    }

    private static async Task<bool> WaitAsync(PeriodicTimer timer, CancellationToken ct)
    {
        try { return await timer.WaitForNextTickAsync(ct); }
        catch (OperationCanceledException) { return false; }
    }

    public override async Task StopAsync(CancellationToken cancellationToken)
    {
        await _stopping.CancelAsync();
        await base.StopAsync(cancellationToken);
    }

    /// <summary>
    /// One pass over the partitions the index holds that nobody is sending and that have something due: each is taken,
    /// read and sent as far as it can be now, then left (its mark removed once nothing can still arrive). Returns how
    /// many messages were sent.
    /// </summary>
    public async Task<int> DispatchOnceAsync(CancellationToken ct)
    {
        var marks = await _index.ListAsync(ct);
        var now = _clock.GetUtcNow();
        ObserveBacklog(marks, now);
        var sent = 0;
        await Parallel.ForEachAsync(marks.Where(m => m.NextAt <= now && (!m.IsLeasedAt(now) || m.Owner == Instance)),
            new ParallelOptions { MaxDegreeOfParallelism = Math.Max(1, _options.Concurrency), CancellationToken = ct },
            async (mark, token) => Interlocked.Add(ref sent, await RecoverAsync(mark, token)));
        return sent;
    }

    private async Task<int> RecoverAsync(PendingPartition mark, CancellationToken ct)
    {
        var session = Enter(mark.PartitionKey);
        try
        {
            await session.Gate.WaitAsync(ct);
            try
            {
                lock (session)
                    if (session.Owned || session.Working) return 0; // this instance is on it
                var now = _clock.GetUtcNow();
                if (await _index.TryHoldAsync(mark, Instance, now + _options.Lease, now, ct) is not { } etag) return 0;
                lock (session)
                {
                    session.Own(etag, now + _options.Lease, mark.LookAt, clean: false);
                    session.Working = true;
                }
            }
            finally
            {
                session.Gate.Release();
            }
            return await PassAsync(session, ct);
        }
        finally
        {
            Leave(session);
        }
    }

    /// <summary>A partition taken by a pass: what can go now goes, then it is left for later (or kept, if this instance has more for it).</summary>
    private async Task<int> PassAsync(PartitionSession session, CancellationToken ct)
    {
        try
        {
            var (sent, nextRetry) = await SendWhatCanGoAsync(session, ct);
            await session.Gate.WaitAsync(ct);
            try
            {
                lock (session)
                {
                    // Messages committed here meanwhile were handed to this session: it stays, and sends them as usual.
                    if (!session.Owned || session.InFlight > 0 || session.Pending.Count > 0 && nextRetry is null) return sent;
                }
                await LeaveAsync(session, nextRetry, ct);
            }
            finally
            {
                session.Gate.Release();
            }
            return sent;
        }
        finally
        {
            Finished(session);
        }
    }

    /// <summary>A task sending a session is done: another starts if the session is still (or again) held here.</summary>
    private void Finished(PartitionSession session)
    {
        bool restart;
        lock (session)
        {
            restart = session.Owned && !_stopping.IsCancellationRequested;
            session.Working = restart;
        }
        if (restart) InBackground(() => WorkAsync(session));
    }

    /// <summary>
    /// Starts sending apart from whatever request committed the messages: not in its trace (the outbox's spans and storage
    /// calls are its own), and not bound to its lifetime.
    /// </summary>
    private static void InBackground(Func<Task> work)
    {
        using (ExecutionContext.SuppressFlow()) _ = Task.Run(work);
    }

    /// <summary>
    /// Lets go of a partition: its mark goes if nothing is waiting and every commit that marked it has landed (and was
    /// read), else it stays, free for whoever looks next once something in it is due.
    /// </summary>
    private async Task LeaveAsync(PartitionSession session, DateTimeOffset? nextRetry, CancellationToken ct)
    {
        bool empty;
        lock (session) empty = session.Pending.Count == 0;
        var now = _clock.GetUtcNow();
        if (empty && (session.Clean || session.LastQueryAt >= session.LookAt)
            && await _index.TryDeleteAsync(session.PartitionKey, session.ETag, ct))
        {
            lock (session) session.Disown();
            return;
        }
        var nextAt = nextRetry ?? (empty ? session.LookAt : now);
        var seen = new PendingPartition(session.PartitionKey, Instance, session.LeaseUntil, session.LookAt, now, session.ETag);
        if (await _index.TryHoldAsync(seen, "", now, nextAt, ct) is null && await _index.GetAsync(session.PartitionKey, ct) is { } changed
            && (changed.Owner == Instance || !changed.IsLeasedAt(now)))
        {
            // Marked again meanwhile: leave it free and due now, so the next pass reads what was added.
            await _index.TryHoldAsync(changed, "", now, now, ct);
        }
        lock (session) session.Disown();
    }

    /// <summary>
    /// Called by a transaction with messages, before it commits: makes sure the partition is marked in the index. If this
    /// instance holds it (it just marked it, or was sending it), the claim hands the committed messages over afterwards.
    /// </summary>
    internal async Task<OutboxClaim> ClaimAsync(string partitionKey, CancellationToken ct)
    {
        var session = Enter(partitionKey);
        var held = false;
        try
        {
            await session.Gate.WaitAsync(ct);
            try
            {
                var now = _clock.GetUtcNow();
                if (!_stopping.IsCancellationRequested)
                {
                    if (session.Owned && session.LeaseUntil - now < _options.Lease / 2) await RenewAsync(session, ct);
                    if (!session.Owned
                        && await _index.TryAddAsync(partitionKey, Instance, now + _options.Lease, now + _options.Grace, now, ct) is { } etag)
                        lock (session) session.Own(etag, now + _options.Lease, now + _options.Grace, clean: true);
                    if (session.Owned)
                    {
                        lock (session) session.InFlight++;
                        held = true;
                        return new OutboxClaim(this, session);
                    }
                }
                // Someone else holds it (or nobody, since a crash): the mark tells them a commit is coming.
                await _index.MarkAsync(partitionKey, now + _options.Grace, now, ct);
                return OutboxClaim.None;
            }
            finally
            {
                session.Gate.Release();
            }
        }
        finally
        {
            if (!held) Leave(session);
        }
    }

    /// <summary>A claimed commit is over: its messages (none if it failed) join the partition's queue and are sent.</summary>
    internal void HandOver(PartitionSession session, IReadOnlyList<TableEntity> messages)
    {
        bool start;
        lock (session)
        {
            session.InFlight--;
            if (session.Owned) foreach (var row in messages) session.Pending.TryAdd(row.RowKey, row);
            start = session.Owned && !session.Working;
            if (start) session.Working = true;
            else session.Wake();
        }
        Leave(session);
        if (start) InBackground(() => WorkAsync(session));
    }

    /// <summary>
    /// Sends a held partition for as long as this instance has messages for it, lingers a moment for the next one of a
    /// burst, then lets it go: its mark is removed if nobody else marked it meanwhile; if someone did, their messages are
    /// read and sent too, and the mark stays until every commit that marked it must have landed.
    /// </summary>
    private async Task WorkAsync(PartitionSession session)
    {
        var ct = _stopping.Token;
        lock (session) session.Users++;
        try
        {
            while (!ct.IsCancellationRequested)
            {
                Task woken;
                lock (session) woken = session.WhenWoken(); // before sending: a hand-over from now on wakes the waits below
                var (_, nextRetry) = await SendWhatCanGoAsync(session, ct);
                bool owned, empty, inFlight;
                lock (session)
                {
                    owned = session.Owned;
                    empty = session.Pending.Count == 0;
                    inFlight = session.InFlight > 0;
                }
                if (!owned || !await KeepLeaseAsync(session, ct)) return;
                if (inFlight)
                {
                    await WaitOrWokenAsync(woken, _options.PollInterval, ct); // a commit of ours hands its messages over soon
                    continue;
                }
                if (!empty)
                {
                    // Only retries are waiting: left to the passes, which take it again when the first comes due.
                    if (await LetGoAsync(session, nextRetry, ct)) return;
                    continue;
                }
                if (await WaitOrWokenAsync(woken, _options.Linger, ct)) continue;
                if (await CloseAsync(session, ct)) return;
                // Another instance marked it: read it again after a while, until its commits must have landed.
                await WaitOrWokenAsync(woken, _options.PollInterval, ct);
            }
        }
        catch (Exception e) when (!ct.IsCancellationRequested)
        {
            // Storage failing, say: let go in memory; the mark (still this instance's) is taken again by the next pass.
            _log.LogWarning("Outbox sending stopped for a partition with {ExceptionType}; the next pass takes it up", e.GetType().Name);
            lock (session) session.Disown();
        }
        catch (OperationCanceledException)
        {
        }
        finally
        {
            Finished(session);
            Leave(session);
        }
    }

    private async Task<bool> LetGoAsync(PartitionSession session, DateTimeOffset? nextRetry, CancellationToken ct)
    {
        await session.Gate.WaitAsync(ct);
        try
        {
            lock (session)
                if (session.InFlight > 0) return false;
            await LeaveAsync(session, nextRetry, ct);
            return true;
        }
        finally
        {
            session.Gate.Release();
        }
    }

    /// <summary>Renews the lease when half of it has gone; false if the partition was taken by another instance meanwhile.</summary>
    private async Task<bool> KeepLeaseAsync(PartitionSession session, CancellationToken ct)
    {
        if (session.LeaseUntil - _clock.GetUtcNow() >= _options.Lease / 2) return true;
        await session.Gate.WaitAsync(ct);
        try
        {
            return session.Owned && await RenewAsync(session, ct);
        }
        finally
        {
            session.Gate.Release();
        }
    }

    /// <summary>True if woken by new work before <paramref name="timeout"/>.</summary>
    private async Task<bool> WaitOrWokenAsync(Task woken, TimeSpan timeout, CancellationToken ct)
    {
        using var timer = CancellationTokenSource.CreateLinkedTokenSource(ct);
        var delay = Task.Delay(timeout, _waits, timer.Token);
        var first = await Task.WhenAny(woken, delay);
        await timer.CancelAsync();
        ct.ThrowIfCancellationRequested();
        return first == woken;
    }

    /// <summary>
    /// The partition is empty: removes its mark if nothing can still arrive in it unseen. True when let go; false to keep
    /// sending (a claim came in, or another instance marked it: read it again, after a while if its commits may still land).
    /// </summary>
    private async Task<bool> CloseAsync(PartitionSession session, CancellationToken ct)
    {
        await session.Gate.WaitAsync(ct);
        try
        {
            lock (session)
                if (session.Pending.Count > 0 || session.InFlight > 0 || !session.Owned) return !session.Owned;
            if (session.Clean && await _index.TryDeleteAsync(session.PartitionKey, session.ETag, ct))
            {
                lock (session) session.Disown();
                return true;
            }
            var now = _clock.GetUtcNow();
            var current = await _index.GetAsync(session.PartitionKey, ct);
            if (current is null || (current.Owner != Instance && current.IsLeasedAt(now)))
            {
                lock (session) session.Disown(); // gone, or taken over after our lease ran out
                return true;
            }
            lock (session)
            {
                session.ETag = current.ETag;
                session.LookAt = current.LookAt;
                session.Clean = false;
            }
            if (session.LastQueryAt >= current.LookAt && await _index.TryDeleteAsync(session.PartitionKey, current.ETag, ct))
            {
                lock (session) session.Disown();
                return true;
            }
            // Someone else's commits marked it: read it (again) for their messages, until none can still land.
            lock (session) session.MustQuery = true;
            return false;
        }
        finally
        {
            session.Gate.Release();
        }
    }

    /// <summary>Keeps the lease: false (and the session let go) if another instance has taken the partition.</summary>
    private async Task<bool> RenewAsync(PartitionSession session, CancellationToken ct)
    {
        for (var attempt = 0; attempt < 3; attempt++)
        {
            var now = _clock.GetUtcNow();
            var seen = new PendingPartition(session.PartitionKey, Instance, session.LeaseUntil, session.LookAt, now, session.ETag);
            if (await _index.TryHoldAsync(seen, Instance, now + _options.Lease, now, ct) is { } etag)
            {
                lock (session)
                {
                    session.ETag = etag;
                    session.LeaseUntil = now + _options.Lease;
                }
                return true;
            }
            var current = await _index.GetAsync(session.PartitionKey, ct);
            if (current is null || (current.Owner != Instance && current.IsLeasedAt(now))) break;
            // Marked by someone else meanwhile: still ours, but their messages must be read.
            lock (session)
            {
                session.ETag = current.ETag;
                session.LookAt = current.LookAt;
                session.Clean = false;
                session.MustQuery = true;
            }
        }
        lock (session) session.Disown();
        return false;
    }

    /// <summary>Sends, one after another in queue order, every message of the partition that can go now. Returns how many went, and the next retry time.</summary>
    private async Task<(int Sent, DateTimeOffset? NextRetry)> SendWhatCanGoAsync(PartitionSession session, CancellationToken ct)
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
            lock (session) plan = session.Next(_clock.GetUtcNow());
            if (plan.Send is null)
            {
                if (plan.Dropped.Count > 0) await DeleteAsync(session, [], plan.Dropped, ct);
                return (sent, plan.NextRetry);
            }

            if (!await KeepLeaseAsync(session, ct)) return (sent, null);

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
                    await Task.Delay(wait, _waits, ct);
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
        var at = _clock.GetUtcNow();
        var filter = TableClient.CreateQueryFilter(
            $"PartitionKey eq {session.PartitionKey} and RowKey ge {OutboxRow.Prefix} and RowKey lt {Keys.PrefixEnd(OutboxRow.Prefix)}");
        var rows = new List<TableEntity>();
        await foreach (var row in _table.QueryAsync<TableEntity>(filter, cancellationToken: ct)) rows.Add(row);
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
        var row = await _table.GetEntityIfExistsAsync<TableEntity>(session.PartitionKey, OutboxRow.PostedKey(messageKey), cancellationToken: ct);
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

    private async Task<Outcome> TrySendAsync(PartitionSession session, TableEntity row, OutboundMessage message,
        DeliveryTargets.Posted? previous, IReadOnlyList<TableEntity> dropped, CancellationToken ct)
    {
        var attempts = (row.GetInt32("Attempts") ?? 0) + 1;
        using var span = BotTelemetry.StartOutboxSend(message.Target.Kind.ToString(), attempts);
        try
        {
            var posted = await _targets.DeliverAsync(message, previous, ct);
            var (update, card) = PartitionSession.CardOf(row);
            var remember = message.MessageKey is { } key && posted is not null && message.Target.Kind != TargetKind.Update
                ? new TableEntity(session.PartitionKey, OutboxRow.PostedKey(key))
                {
                    ["ServiceUrl"] = posted.ServiceUrl,
                    ["ConversationId"] = posted.ConversationId,
                    ["ActivityId"] = posted.ActivityId,
                    ["PostedAt"] = _clock.GetUtcNow(),
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
            _log.LogInformation("Sent an outbox message ({TargetKind}) after {Attempts} attempt(s)", message.Target.Kind, attempts);
            BotTelemetry.OutboxSendEnded(span, "sent");
            return Outcome.Sent;
        }
        catch (ConnectorException e) when (!e.IsPermanent && attempts < _options.MaxAttempts)
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
        catch (Exception e) when (e is not OperationCanceledException && attempts < _options.MaxAttempts)
        {
            // Network errors, timeouts: try again later.
            await ScheduleRetryAsync(session, row, attempts, e.GetType().Name, ct);
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

    private async Task ScheduleRetryAsync(PartitionSession session, TableEntity row, int attempts, string reason, CancellationToken ct,
        TimeSpan? retryAfter = null)
    {
        row["Attempts"] = attempts;
        row["NextAttemptAt"] = _clock.GetUtcNow() + BackoffAfter(attempts, retryAfter);
        row["LeaseUntil"] = null;
        row["LastError"] = reason;
        // Only the partition's holder writes its messages: the row is replaced whatever its ETag.
        await _table.UpdateEntityAsync(row, ETag.All, TableUpdateMode.Replace, ct);
        _log.LogWarning("Outbox message will be retried (attempt {Attempts}): {Reason}", attempts, reason);
    }

    private async Task RecordFailureAsync(PartitionSession session, TableEntity row, int attempts, string reason,
        IReadOnlyList<TableEntity> dropped, CancellationToken ct)
    {
        var failed = new TableEntity(row.PartitionKey, OutboxRow.FailedPrefix + row.RowKey[OutboxRow.Prefix.Length..]);
        foreach (var (k, v) in row) if (k is not ("PartitionKey" or "RowKey" or "Timestamp" or "odata.etag")) failed[k] = v;
        failed["Attempts"] = attempts;
        failed["LeaseUntil"] = null;
        failed["FailedAt"] = _clock.GetUtcNow();
        failed["Reason"] = reason;
        await DeleteAsync(session, [new(TableTransactionActionType.Add, failed)], [row, .. dropped], ct);
        _log.LogError("Outbox message could not be delivered and was recorded as failed: {Reason}", reason);
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
                    await _table.SubmitTransactionAsync(batch, ct);
                }
                catch (TableTransactionFailedException e) when (e.Status == 404)
                {
                    foreach (var action in batch)
                    {
                        if (action.ActionType == TableTransactionActionType.Delete) await DeleteOneAsync(action.Entity, ct);
                        else await _table.SubmitTransactionAsync([action], ct);
                    }
                }
            }
        }
        lock (session)
            foreach (var row in rows) session.Pending.Remove(row.RowKey);
    }

    private async Task DeleteOneAsync(ITableEntity row, CancellationToken ct)
    {
        try { await _table.DeleteEntityAsync(row.PartitionKey, row.RowKey, ETag.All, ct); }
        catch (RequestFailedException e) when (e.Status == 404) { }
    }

    private void ObserveBacklog(IReadOnlyList<PendingPartition> marks, DateTimeOffset now)
    {
        int messages;
        DateTimeOffset? oldest = null;
        lock (_sessions)
        {
            messages = 0;
            foreach (var session in _sessions.Values)
                lock (session)
                {
                    messages += session.Pending.Count;
                    foreach (var row in session.Pending.Values)
                        if (row.GetDateTimeOffset("QueuedAt") is { } queued && (oldest is null || queued < oldest)) oldest = queued;
                }
        }
        // Partitions marked but held by nobody count as one message each: their rows are not read to count them.
        messages += marks.Count(m => !m.IsLeasedAt(now));
        BotTelemetry.OutboxObserved(messages, oldest is { } q ? now - q : TimeSpan.Zero);
    }

    private PartitionSession Enter(string partitionKey)
    {
        lock (_sessions)
        {
            if (!_sessions.TryGetValue(partitionKey, out var session)) _sessions[partitionKey] = session = new PartitionSession(partitionKey);
            lock (session) session.Users++;
            return session;
        }
    }

    /// <summary>Forgets a session nobody uses and this instance does not hold.</summary>
    private void Leave(PartitionSession session)
    {
        lock (_sessions)
        {
            lock (session)
            {
                if (--session.Users > 0 || session.Owned || session.Working || session.InFlight > 0) return;
            }
            _sessions.Remove(session.PartitionKey);
        }
    }
}
