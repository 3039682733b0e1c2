using System.Diagnostics;
using System.Runtime.InteropServices;
using TeamsSafeguarding.Benchmarks.Inbound;

namespace TeamsSafeguarding.Benchmarks.OverHttp;

/// <summary>
/// The hot paths over real HTTP: each build of the bot runs as its own process on Kestrel against one Azurite (a table
/// each), driven through POST /api/messages: referral submits, triage sends and partners' views at each concurrency, each
/// measured on every build back to back (the order alternating per concurrency), then its storage floor.
/// <code>
/// dotnet run -c Release --project tests/TeamsSafeguarding.Benchmarks -- http [--quick] [--compare &lt;git-rev&gt;] [--levels 1,50,200]
/// </code>
/// </summary>
public static class HttpBenchmark
{
    private sealed record Plan(int[] Levels, Func<int, int> Submits, Func<int, int> ViewsEach);

    private static readonly Plan Full = new([1, 50, 200], c => c switch { 1 => 40, 50 => 200, _ => Math.Max(2 * c, 100) }, c => c switch { 1 => 100, 50 => 20, _ => 10 });
    private static readonly Plan Quick = new([1, 50, 200], c => c switch { 1 => 10, _ => Math.Max(c, 20) }, c => c switch { 1 => 30, 50 => 4, _ => 3 });
    private static readonly TimeSpan MaxDeliveryWait = TimeSpan.FromMinutes(3);

    public static async Task<int> RunAsync(string[] args)
    {
        var quick = args.Contains("--quick");
        var plan = quick ? Quick : Full;
        var compare = ValueOf(args, "--compare");
        if (ValueOf(args, "--levels") is { } levels) plan = plan with { Levels = levels.Split(',').Select(int.Parse).ToArray() };

        var stamp = DateTime.UtcNow.ToString("yyyyMMdd-HHmmss");
        var outDir = RepoRoot.Combine(".local", "bench", "runs", stamp);
        Directory.CreateDirectory(outDir);
        var builds = new List<BotBuild>();
        if (compare is not null) builds.Add(await BotBuild.OfRevisionAsync(compare));
        builds.Add(await BotBuild.OfCheckoutAsync());

        var header = $"// {Environment.ProcessorCount} cores, {RuntimeInformation.OSDescription}, .NET {Environment.Version}, {DateTime.UtcNow:yyyy-MM-dd HH:mm} UTC, " +
                     $"{(quick ? "--quick" : "full")}; builds: {string.Join(", ", builds.Select(b => b.Label))}; load average at start {LoadAverage()}";
        Console.WriteLine(header);
        using var azurite = LocalAzurite.Start();
        await using var floorProxy = await CountingProxy.StartAsync(azurite.ConnectionString);
        var bots = new List<BotUnderBench>();
        var all = new List<Measured>();
        var report = new StreamWriter(Path.Combine(outDir, "report.md")) { AutoFlush = true };
        await report.WriteLineAsync(header + "\n");
        try
        {
            for (var i = 0; i < builds.Count; i++)
                bots.Add(await BotUnderBench.StartAsync(builds[i], azurite, $"Bench{i}x{stamp.Replace("-", "")}", Path.Combine(outDir, $"bot{i}.log")));
            foreach (var bot in bots) await WarmUpAsync(bot);

            for (var li = 0; li < plan.Levels.Length; li++)
            {
                var level = plan.Levels[li];
                var order = li % 2 == 0 ? bots : Enumerable.Reverse(bots).ToList();
                var drafts = new Dictionary<BotUnderBench, IReadOnlyList<(string, string)>>();
                foreach (var bot in bots)
                {
                    Console.WriteLine($"// Seeding {plan.Submits(level)} complete drafts through {bot.Label} (not measured)");
                    drafts[bot] = await Workloads.SeedDraftsAsync(bot, plan.Submits(level), referrers: level);
                }
                var submitted = await MeasureAsync(order, bot => Workloads.Submit(bot, drafts[bot]));
                var triaged = await MeasureAsync(order, bot => Workloads.Triage(bot, CasesCarded(submitted[bot]), level));
                await MeasureAsync(order, bot => Workloads.Views(bot, CasesCarded(triaged[bot]), level, plan.ViewsEach(level)));
            }
            foreach (var proxy in bots.Select(b => b.Proxy).Append(floorProxy).Where(p => p.Failures > 0))
                Console.WriteLine($"// WARNING: a counting proxy failed to forward {proxy.Failures} request(s); the figures are not to be trusted.");
            var summary = Report.Summary(all) + $"\nLoad average at the end: {LoadAverage()} (other work on the machine makes every figure noisier).\n";
            Console.WriteLine(summary);
            await report.WriteLineAsync("### Summary\n\n" + summary);
            Console.WriteLine($"// Report: {Path.Combine(outDir, "report.md")}; bot logs beside it.");
            return all.Any(m => m.Errors > 0 || m.Freshness is null) ? 1 : 0;
        }
        finally
        {
            foreach (var bot in bots) await bot.DisposeAsync();
            await report.DisposeAsync();
        }

        async Task<Dictionary<BotUnderBench, Measured>> MeasureAsync(IReadOnlyList<BotUnderBench> order, Func<BotUnderBench, Workload> workloadOf)
        {
            var measured = new Dictionary<BotUnderBench, Measured>();
            foreach (var bot in order)
            {
                var workload = workloadOf(bot);
                Console.WriteLine($"// {workload.Scenario} at concurrency {workload.Concurrency}: {workload.Operations} {workload.Unit} on {bot.Label}");
                var m = await Measurement.RunAsync(bot, workload, MaxDeliveryWait);
                m = m with { Floor = await StorageFloor.RunAsync(floorProxy, m.Storage, m.Operations, workload.Concurrency) };
                measured[bot] = m;
            }
            var inBuildOrder = bots.Select(b => measured[b]).ToList();
            all.AddRange(inBuildOrder);
            var table = Report.Table(inBuildOrder);
            Console.WriteLine(table);
            await report.WriteLineAsync(table);
            return measured;
        }
    }

    /// <summary>
    /// Rounds of every click (drafts, submits, triage sends, views) until the bot's CPU per click stops falling, so the
    /// measurements do not pay for the JIT: .NET compiles hot methods again, optimised, only after they have run a while
    /// (tiered compilation), and a run of one click at a time straight after start-up spends most of its CPU on that.
    /// </summary>
    private static async Task WarmUpAsync(BotUnderBench bot)
    {
        const int MinRounds = 3, MaxRounds = 10;
        var rounds = new List<double>();
        for (var round = 1; round <= MaxRounds; round++)
        {
            // The one-at-a-time workloads, measured the same way as for real, but not reported.
            var drafts = await Workloads.SeedDraftsAsync(bot, 10, referrers: 1);
            var submitted = await Measurement.RunAsync(bot, Workloads.Submit(bot, drafts), MaxDeliveryWait);
            var triaged = await Measurement.RunAsync(bot, Workloads.Triage(bot, CasesCarded(submitted), 1), MaxDeliveryWait);
            var views = await Measurement.RunAsync(bot, Workloads.Views(bot, CasesCarded(triaged), 1, 30), MaxDeliveryWait);
            if (views.Cards == 0) throw new InvalidOperationException($"{bot.Label} answered no view with a card while warming up; see its log.");
            rounds.Add(views.Use.Cpu.TotalMilliseconds / views.Operations);
            Console.WriteLine($"// Warming up {bot.Label}: round {round}, {rounds[^1]:0.0} ms CPU per view, one at a time");
            // Settled: the last two rounds within 15% of the best so far.
            if (round >= MinRounds && rounds.TakeLast(2).All(r => r <= 1.15 * rounds.Min())) return;
        }
    }

    private static IReadOnlyList<string> CasesCarded(Measured m) => CasesCarded(m.Results);

    private static IReadOnlyList<string> CasesCarded(IReadOnlyList<(Click Click, Timed Result)> results) =>
        results.Where(r => r.Result.Answer == Answer.Card).Select(r => r.Click.CaseId).Distinct().ToList();

    /// <summary>The machine's 1-, 5- and 15-minute load averages: above the core count, other work was competing with the run.</summary>
    private static string LoadAverage() => File.Exists("/proc/loadavg") ? string.Join(" ", File.ReadAllText("/proc/loadavg").Split(' ').Take(3)) : "unknown";

    private static string? ValueOf(string[] args, string name) =>
        Array.IndexOf(args, name) is var i and >= 0 && i + 1 < args.Length ? args[i + 1] : null;
}
