namespace TeamsSafeguarding.Operations;

/// <summary>
/// The loop every background sweep shares: run a pass every interval on the injected clock until the host stops. A
/// failed pass is logged by exception type only (never case data) and the next tick simply tries again.
/// </summary>
public static class PeriodicSweep
{
    /// <param name="runAtStart">Run a pass as soon as the host starts instead of waiting one interval first.</param>
    /// <param name="what">What the sweep does, for the warning, e.g. "Sweeping old drafts".</param>
    public static async Task RunAsync(TimeSpan interval, TimeProvider clock, bool runAtStart, Func<CancellationToken, Task> pass,
        ILogger log, string what, CancellationToken stopping)
    {
        using var timer = new PeriodicTimer(interval, clock);
        if (!runAtStart && !await timer.WaitForNextTickAsync(stopping)) return;
        do
        {
            try { await pass(stopping); }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                log.LogWarning("{Sweep} failed with {ExceptionType}", what, e.GetType().Name);
            }
        }
        while (await timer.WaitForNextTickAsync(stopping));
    }
}
