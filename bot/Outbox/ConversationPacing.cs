namespace TeamsSafeguarding.Outbox;

/// <summary>
/// Keeps this instance's sends within Teams' documented limits per bot per thread (teams-bot-protocol.md 5.1: 7 in 1 s,
/// 8 in 2 s, 60 in 30 s, 1,800 in an hour), so the Connector is not asked to throttle us. A thread is the conversation
/// a call addresses: a chat, a channel for a new thread in it, a channel thread for a reply or an update. Each send
/// reserves the next free moment of its thread, first come first served, so many cases waiting on one channel take
/// turns instead of all waking for every free moment. Counted in real time (Teams counts real seconds), not on the
/// bot's business clock, which tests move by days.
/// </summary>
public sealed class ConversationPacing(TimeProvider time)
{
    private static readonly (TimeSpan Window, int Max)[] Limits =
    [
        (TimeSpan.FromSeconds(1), 7), (TimeSpan.FromSeconds(2), 8), (TimeSpan.FromSeconds(30), 60), (TimeSpan.FromHours(1), 1800),
    ];
    private static readonly TimeSpan Longest = TimeSpan.FromHours(1);

    private readonly Dictionary<string, List<long>> _sent = new(StringComparer.Ordinal);
    private long _lastTrim;

    /// <summary>Reserves the next moment a send to <paramref name="thread"/> is within the limits: how long to wait for it.</summary>
    public TimeSpan Reserve(string thread)
    {
        var now = time.GetTimestamp();
        lock (_sent)
        {
            TrimIdle(now);
            if (!_sent.TryGetValue(thread, out var times)) _sent[thread] = times = [];
            var at = times.Count > 0 && times[^1] > now ? times[^1] : now;
            // The send `max` back from this one must be a whole window earlier.
            foreach (var (window, max) in Limits)
                if (times.Count >= max) at = Math.Max(at, times[^max] + Ticks(window));
            times.Add(at);
            if (times.Count > 2 * Limits[^1].Max) times.RemoveRange(0, times.Count - Limits[^1].Max);
            return time.GetElapsedTime(now, at);
        }
    }

    private long Ticks(TimeSpan span) => (long)(span.TotalSeconds * time.TimestampFrequency);

    /// <summary>Forgets threads with nothing sent in the last hour, at most once a minute.</summary>
    private void TrimIdle(long now)
    {
        if (time.GetElapsedTime(_lastTrim, now) < TimeSpan.FromMinutes(1)) return;
        _lastTrim = now;
        foreach (var (thread, times) in _sent.ToList())
            if (times.Count == 0 || time.GetElapsedTime(times[^1], now) >= Longest) _sent.Remove(thread);
    }
}
