namespace TeamsSafeguarding.Outbox;

/// <summary>Wakes the dispatcher as soon as something is committed, so replies go out at once rather than
/// at the next poll. Polling remains the safety net (e.g. after a crash or on another instance).</summary>
public sealed class OutboxSignal
{
    private readonly SemaphoreSlim _signal = new(0, 1);

    public void Wake()
    {
        if (_signal.CurrentCount == 0)
        {
            try { _signal.Release(); } catch (SemaphoreFullException) { }
        }
    }

    public Task<bool> WaitAsync(TimeSpan timeout, CancellationToken ct) => _signal.WaitAsync(timeout, ct);
}
