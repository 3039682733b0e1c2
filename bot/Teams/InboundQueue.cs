using Microsoft.Extensions.Options;

namespace TeamsSafeguarding.Teams;

/// <summary>
/// Bounds the activities handled at once (<see cref="BotOptions.MaxConcurrentActivities"/>): the rest wait in line, oldest
/// first, so a burst of clicks is answered in the order it came instead of every click slowly at once. The line itself
/// is bounded (<see cref="BotOptions.MaxQueuedActivities"/>): beyond it an activity is turned away at once, as "busy".
/// </summary>
public sealed class InboundQueue(IOptions<BotOptions> options)
{
    private readonly SemaphoreSlim _running = new(Math.Max(1, options.Value.MaxConcurrentActivities));
    private readonly int _most = Math.Max(1, options.Value.MaxConcurrentActivities) + Math.Max(0, options.Value.MaxQueuedActivities);
    private int _inside;

    /// <summary>A place to handle one activity (dispose it when done), or null when the line is full.</summary>
    public async Task<IDisposable?> EnterAsync(CancellationToken ct)
    {
        if (Interlocked.Increment(ref _inside) > _most)
        {
            Interlocked.Decrement(ref _inside);
            return null;
        }
        try
        {
            await _running.WaitAsync(ct);
        }
        catch
        {
            Interlocked.Decrement(ref _inside);
            throw;
        }
        return new Place(this);
    }

    private sealed class Place(InboundQueue queue) : IDisposable
    {
        private int _left;

        public void Dispose()
        {
            if (Interlocked.Exchange(ref _left, 1) != 0) return;
            queue._running.Release();
            Interlocked.Decrement(ref queue._inside);
        }
    }
}
