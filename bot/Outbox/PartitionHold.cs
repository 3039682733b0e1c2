namespace TeamsSafeguarding.Outbox;

/// <summary>
/// This instance's hold on partitions' marks in the <see cref="OutboxIndex"/>: keeping the lease while sending, and
/// letting a partition go, removing its mark when nothing can still arrive in it unseen. Each method that changes who
/// holds a partition takes the session's <see cref="PartitionSession.Gate"/>, except <see cref="ReleaseAsync"/>, whose
/// caller already has it.
/// </summary>
internal sealed class PartitionHold(OutboxIndex index, TimeProvider clock, OutboxOptions options, string instance)
{
    /// <summary>
    /// Lets go of a partition (the caller holds its gate): its mark goes if nothing is waiting and every commit that marked
    /// it has landed (and was read), else it stays, free for whoever looks next once something in it is due.
    /// </summary>
    public async Task ReleaseAsync(PartitionSession session, DateTimeOffset? nextRetry, CancellationToken ct)
    {
        bool empty;
        lock (session) empty = session.Pending.Count == 0;
        var now = clock.GetUtcNow();
        if (empty && (session.Clean || session.LastQueryAt >= session.LookAt)
            && await index.TryDeleteAsync(session.PartitionKey, session.ETag, ct))
        {
            lock (session) session.Disown();
            return;
        }
        var nextAt = nextRetry ?? (empty ? session.LookAt : now);
        var seen = new PendingPartition(session.PartitionKey, instance, session.LeaseUntil, session.LookAt, now, session.ETag);
        if (await index.TryHoldAsync(seen, "", now, nextAt, ct) is null && await index.GetAsync(session.PartitionKey, ct) is { } changed
            && (changed.Owner == instance || !changed.IsLeasedAt(now)))
        {
            // Marked again meanwhile: leave it free and due now, so the next pass reads what was added.
            await index.TryHoldAsync(changed, "", now, now, ct);
        }
        lock (session) session.Disown();
    }

    /// <summary>Only retries are waiting: lets the partition go to the passes, unless a commit of ours is under way (false).</summary>
    public async Task<bool> LetGoAsync(PartitionSession session, DateTimeOffset? nextRetry, CancellationToken ct)
    {
        await session.Gate.WaitAsync(ct);
        try
        {
            lock (session)
                if (session.InFlight > 0) return false;
            await ReleaseAsync(session, nextRetry, ct);
            return true;
        }
        finally
        {
            session.Gate.Release();
        }
    }

    /// <summary>Renews the lease when half of it has gone; false if the partition was taken by another instance meanwhile.</summary>
    public async Task<bool> KeepAsync(PartitionSession session, CancellationToken ct)
    {
        if (session.LeaseUntil - clock.GetUtcNow() >= options.Lease / 2) return true;
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

    /// <summary>
    /// The partition is empty: removes its mark if nothing can still arrive in it unseen. True when let go; false to keep
    /// sending (a claim came in, or another instance marked it: read it again, after a while if its commits may still land).
    /// </summary>
    public async Task<bool> CloseAsync(PartitionSession session, CancellationToken ct)
    {
        await session.Gate.WaitAsync(ct);
        try
        {
            lock (session)
                if (session.Pending.Count > 0 || session.InFlight > 0 || !session.Owned) return !session.Owned;
            if (session.Clean && await index.TryDeleteAsync(session.PartitionKey, session.ETag, ct))
            {
                lock (session) session.Disown();
                return true;
            }
            var now = clock.GetUtcNow();
            var current = await index.GetAsync(session.PartitionKey, ct);
            if (current is null || (current.Owner != instance && current.IsLeasedAt(now)))
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
            if (session.LastQueryAt >= current.LookAt && await index.TryDeleteAsync(session.PartitionKey, current.ETag, ct))
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

    /// <summary>Keeps the lease (the caller holds the gate): false (and the session let go) if another instance has taken the partition.</summary>
    public async Task<bool> RenewAsync(PartitionSession session, CancellationToken ct)
    {
        for (var attempt = 0; attempt < 3; attempt++)
        {
            var now = clock.GetUtcNow();
            var seen = new PendingPartition(session.PartitionKey, instance, session.LeaseUntil, session.LookAt, now, session.ETag);
            if (await index.TryHoldAsync(seen, instance, now + options.Lease, now, ct) is { } etag)
            {
                lock (session)
                {
                    session.ETag = etag;
                    session.LeaseUntil = now + options.Lease;
                }
                return true;
            }
            var current = await index.GetAsync(session.PartitionKey, ct);
            if (current is null || (current.Owner != instance && current.IsLeasedAt(now))) break;
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
}
