namespace TeamsSafeguarding.Meetings.Calendar;

/// <summary>
/// Wakes the calendar sweep as soon as a command has queued a calendar call, so it is made at once rather than at the
/// next poll. Polling remains the safety net (requests retried later, another instance's requests, a restart).
/// </summary>
public sealed class CalendarSignal
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
