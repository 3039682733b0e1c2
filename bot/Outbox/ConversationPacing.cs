namespace TeamsSafeguarding.Outbox;

/// <summary>
/// Keeps this instance's sends within Teams' documented limits per bot per thread (teams-bot-protocol.md 5.1: 7 in 1 s,
/// 8 in 2 s, 60 in 30 s, 1,800 in an hour), so the Connector is not asked to throttle us. A thread is the conversation
/// a call addresses: a chat, a channel for a new thread in it, a channel thread for a reply or an update.
/// Counted in real time (Teams counts real seconds), not on the bot's business clock, which tests move by days.
/// </summary>
public sealed class ConversationPacing(TimeProvider time)
{
    private static readonly (TimeSpan Window, int Max)[] Limits =
    [
        (TimeSpan.FromSeconds(1), 7), (TimeSpan.FromSeconds(2), 8), (TimeSpan.FromSeconds(30), 60), (TimeSpan.FromHours(1), 1800),
    ];
    private static readonly TimeSpan Longest = TimeSpan.FromHours(1);

    private readonly Dictionary<string, Queue<long>> _sent = new(StringComparer.Ordinal);
    private long _lastTrim;

    /// <summary>Takes a send to <paramref name="thread"/> now if the limits allow it (true), else says how long to wait.</summary>
    public bool TryTake(string thread, out TimeSpan wait)
    {
        var now = time.GetTimestamp();
        lock (_sent)
        {
            TrimIdle(now);
            if (!_sent.TryGetValue(thread, out var times)) _sent[thread] = times = new Queue<long>();
            while (times.Count > 0 && time.GetElapsedTime(times.Peek(), now) >= Longest) times.Dequeue();
            wait = TimeSpan.Zero;
            foreach (var (window, max) in Limits)
            {
                if (times.Count < max) continue;
                // The send `max` back from the end must have left the window.
                var oldest = times.ElementAt(times.Count - max);
                var left = window - time.GetElapsedTime(oldest, now);
                if (left > wait) wait = left;
            }
            if (wait > TimeSpan.Zero) return false;
            times.Enqueue(now);
            return true;
        }
    }

    /// <summary>Forgets threads with nothing sent in the last hour, at most once a minute.</summary>
    private void TrimIdle(long now)
    {
        if (time.GetElapsedTime(_lastTrim, now) < TimeSpan.FromMinutes(1)) return;
        _lastTrim = now;
        foreach (var (thread, times) in _sent.ToList())
            if (times.Count == 0 || time.GetElapsedTime(times.Last(), now) >= Longest) _sent.Remove(thread);
    }
}
