using System.Diagnostics;

namespace TeamsSafeguarding.Benchmarks.OverHttp;

/// <summary>Everything measured for one workload on one build.</summary>
public sealed record Measured(
    string Build,
    Workload Workload,
    IReadOnlyList<(Click Click, Timed Result)> Results,
    TimeSpan LoadTime,
    TimeSpan Window,
    Delivery Delivery,
    TimeSpan? Freshness,
    StorageCounts Storage,
    ProcessUse Use,
    long PeakRssBytes)
{
    public int Operations => Results.Count;
    public double PerSecond => Operations / LoadTime.TotalSeconds;
    public int Cards => Results.Count(r => r.Result.Answer == Answer.Card);
    public int Refused => Results.Count(r => r.Result.Answer == Answer.Message);
    public int Errors => Results.Count(r => r.Result.Answer == Answer.Error);
    public int OverTeamsLimit => Results.Count(r => r.Result.Latency > TimeSpan.FromSeconds(15));
    public Percentiles Latency => Percentiles.Of(Results.Select(r => r.Result.Latency));
    public StorageFloor.Result? Floor { get; init; }
}

/// <summary>p50, p95, p99 and max of a set of durations (nearest rank).</summary>
public sealed record Percentiles(TimeSpan P50, TimeSpan P95, TimeSpan P99, TimeSpan Max)
{
    public static Percentiles Of(IEnumerable<TimeSpan> durations)
    {
        var sorted = durations.Order().ToArray();
        if (sorted.Length == 0) return new(default, default, default, default);
        TimeSpan At(double p) => sorted[Math.Clamp((int)Math.Ceiling(p * sorted.Length) - 1, 0, sorted.Length - 1)];
        return new(At(0.50), At(0.95), At(0.99), sorted[^1]);
    }
}

/// <summary>
/// Runs one workload against one build and measures it. The window opens when the bot is idle and closes when every
/// card the clicks caused has reached the connector and the bot is idle again, so CPU, allocations and storage round
/// trips include the outbox's work, not just the requests'.
/// </summary>
public static class Measurement
{
    public static readonly TimeSpan Quiet = TimeSpan.FromSeconds(1);

    public static async Task<Measured> RunAsync(BotUnderBench bot, Workload workload, TimeSpan maxDeliveryWait)
    {
        await bot.SettleAsync(Quiet, TimeSpan.FromSeconds(30));
        bot.Bot.ResetPeakRss();
        var firstCall = bot.CallCount;
        var storageBefore = bot.Proxy.Snapshot();
        var useBefore = bot.Bot.Use();
        var opened = Stopwatch.GetTimestamp();

        var (results, loadStart, loadEnd) = await LoadAsync(bot, workload);

        var until = loadEnd + (long)(maxDeliveryWait.TotalSeconds * Stopwatch.Frequency);
        Delivery delivery;
        while (true)
        {
            delivery = workload.Expect(bot.CallsFrom(firstCall), results, loadEnd);
            if ((delivery.Complete && bot.IsIdleFor(Quiet)) || Stopwatch.GetTimestamp() > until) break;
            await Task.Delay(100);
        }
        var use = bot.Bot.Use() - useBefore;
        var storage = bot.Proxy.Snapshot() - storageBefore;
        var window = Stopwatch.GetElapsedTime(opened);

        TimeSpan? freshness = delivery.Complete && delivery.Expected > 0
            ? TimeSpan.FromSeconds(Math.Max(0, (delivery.LastAt - loadEnd) / (double)Stopwatch.Frequency))
            : null;
        return new Measured(bot.Label, workload, results, Stopwatch.GetElapsedTime(loadStart, loadEnd), window, delivery, freshness,
            storage, use, bot.Bot.PeakRssBytes());
    }

    /// <summary>Runs the workload's users at once, each one click after another. Returns every answer, when the clicks began and when the last answer arrived.</summary>
    public static async Task<(IReadOnlyList<(Click, Timed)> Results, long Start, long End)> LoadAsync(BotUnderBench bot, Workload workload)
    {
        var results = new List<(Click, Timed)>();
        var go = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var users = workload.Users.Select(async clicks =>
        {
            await go.Task;
            var mine = new List<(Click, Timed)>();
            foreach (var click in clicks) mine.Add((click, await bot.InvokeAsync(click.Activity)));
            return mine;
        }).ToList();
        var start = Stopwatch.GetTimestamp();
        go.SetResult();
        foreach (var mine in await Task.WhenAll(users)) results.AddRange(mine);
        return (results, start, Stopwatch.GetTimestamp());
    }
}
