namespace TeamsSafeguarding.Outbox;

/// <summary>Configuration section "Outbox".</summary>
public sealed class OutboxOptions
{
    public const string Section = "Outbox";

    /// <summary>How often to look for unsent messages when nothing wakes the dispatcher.</summary>
    public TimeSpan PollInterval { get; set; } = TimeSpan.FromSeconds(5);
    /// <summary>Attempts before a message is recorded as undeliverable.</summary>
    public int MaxAttempts { get; set; } = 10;
    /// <summary>First wait after a failed attempt; doubles each time, up to MaxBackoff.</summary>
    public TimeSpan FirstBackoff { get; set; } = TimeSpan.FromSeconds(10);
    public TimeSpan MaxBackoff { get; set; } = TimeSpan.FromMinutes(30);
    /// <summary>How long one dispatcher holds a message while sending, so another instance does not send it too.</summary>
    public TimeSpan Lease { get; set; } = TimeSpan.FromMinutes(2);
}
