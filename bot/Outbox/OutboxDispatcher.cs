using Azure.Data.Tables;
using Microsoft.Extensions.Options;
using TeamsSafeguarding.Operations.Telemetry;

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
    private readonly TimeProvider _clock;
    private readonly OutboxOptions _options;
    private readonly ILogger<OutboxDispatcher> _log;
    private readonly OutboxIndex _index;
    private readonly PartitionHold _hold;
    private readonly PartitionSender _sender;
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
        _clock = clock;
        _options = options.Value;
        _log = log;
        _index = new OutboxIndex(table);
        _hold = new PartitionHold(_index, clock, _options, Instance);
        _sender = new PartitionSender(table, targets, _hold, clock, _waits, _options, log);
        signal.Attach(this);
    }

    /// <summary>The wait before a message's next attempt (see <see cref="OutboxOptions.BackoffAfter"/>).</summary>
    public TimeSpan BackoffAfter(int attempts, TimeSpan? retryAfter = null) => _options.BackoffAfter(attempts, retryAfter);

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
            var (sent, nextRetry) = await _sender.SendWhatCanGoAsync(session, ct);
            await session.Gate.WaitAsync(ct);
            try
            {
                lock (session)
                {
                    // Messages committed here meanwhile were handed to this session: it stays, and sends them as usual.
                    if (!session.Owned || session.InFlight > 0 || session.Pending.Count > 0 && nextRetry is null) return sent;
                }
                await _hold.ReleaseAsync(session, nextRetry, ct);
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
                    if (session.Owned && session.LeaseUntil - now < _options.Lease / 2) await _hold.RenewAsync(session, ct);
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
                var (_, nextRetry) = await _sender.SendWhatCanGoAsync(session, ct);
                bool owned, empty, inFlight;
                lock (session)
                {
                    owned = session.Owned;
                    empty = session.Pending.Count == 0;
                    inFlight = session.InFlight > 0;
                }
                if (!owned || !await _hold.KeepAsync(session, ct)) return;
                if (inFlight)
                {
                    await WaitOrWokenAsync(woken, _options.PollInterval, ct); // a commit of ours hands its messages over soon
                    continue;
                }
                if (!empty)
                {
                    // Only retries are waiting: left to the passes, which take it again when the first comes due.
                    if (await _hold.LetGoAsync(session, nextRetry, ct)) return;
                    continue;
                }
                if (await WaitOrWokenAsync(woken, _options.Linger, ct)) continue;
                if (await _hold.CloseAsync(session, ct)) return;
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
