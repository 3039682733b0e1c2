namespace TeamsSafeguarding.Outbox;

/// <summary>Configuration section "Outbox".</summary>
public sealed class OutboxOptions
{
    public const string Section = "Outbox";

    /// <summary>
    /// How often each instance looks in the outbox index for partitions nobody is sending (after a crash, another
    /// instance's commits, retries that have come due). What this instance commits it sends at once, without looking.
    /// </summary>
    public TimeSpan PollInterval { get; set; } = TimeSpan.FromSeconds(5);
    /// <summary>Attempts before a message is recorded as undeliverable.</summary>
    public int MaxAttempts { get; set; } = 10;
    /// <summary>First wait after a failed attempt; doubles each time, up to MaxBackoff.</summary>
    public TimeSpan FirstBackoff { get; set; } = TimeSpan.FromSeconds(10);
    public TimeSpan MaxBackoff { get; set; } = TimeSpan.FromMinutes(30);
    /// <summary>How long one instance holds a partition while sending it (renewed as it goes), so no other instance sends it too.</summary>
    public TimeSpan Lease { get; set; } = TimeSpan.FromMinutes(2);
    /// <summary>
    /// How long a commit may take to land after it marked its partition in the index (longer than storage's own timeouts
    /// and retries): a partition another instance marked is left in the index at least this long, so its messages are found.
    /// </summary>
    public TimeSpan Grace { get; set; } = TimeSpan.FromMinutes(2);
    /// <summary>How long this instance keeps a partition it has emptied, so the next message of a burst needs no index write.</summary>
    public TimeSpan Linger { get; set; } = TimeSpan.FromSeconds(2);
    /// <summary>How many partitions (cases, chats) this instance sends at once.</summary>
    public int Concurrency { get; set; } = 16;

    /// <summary>
    /// The wait before the next attempt: FirstBackoff doubled per attempt up to MaxBackoff, but never shorter than
    /// the Connector's Retry-After (throttling), itself capped at MaxBackoff so a bad header cannot park a message.
    /// </summary>
    public TimeSpan BackoffAfter(int attempts, TimeSpan? retryAfter = null)
    {
        var factor = Math.Pow(2, Math.Min(attempts - 1, 20));
        var wait = TimeSpan.FromTicks((long)Math.Min(FirstBackoff.Ticks * factor, MaxBackoff.Ticks));
        if (retryAfter is { } asked && asked > wait) wait = asked < MaxBackoff ? asked : MaxBackoff;
        return wait;
    }
}
