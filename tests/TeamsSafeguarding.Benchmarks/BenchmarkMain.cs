using BenchmarkDotNet.Columns;
using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Diagnosers;
using BenchmarkDotNet.Jobs;
using BenchmarkDotNet.Reports;
using BenchmarkDotNet.Running;
using BenchmarkDotNet.Toolchains.InProcess.Emit;

namespace TeamsSafeguarding.Benchmarks;

/// <summary>
/// dotnet run -c Release --project tests/TeamsSafeguarding.Benchmarks -- [--quick] [BenchmarkDotNet options, e.g. --filter '*Deadline*']
/// --quick: few iterations (about two minutes for everything); without it, BenchmarkDotNet's default accuracy.
/// dotnet run -c Release --project tests/TeamsSafeguarding.Benchmarks -- http [--quick] [--compare &lt;git-rev&gt;]: the hot paths
/// over real HTTP (<see cref="OverHttp.HttpBenchmark"/>).
/// dotnet run -c Release --project tests/TeamsSafeguarding.Benchmarks -- passes [--cases 10000,100000]: what a scheduled pass
/// costs with nothing due on a large table (<see cref="Scheduling.IdlePasses"/>).
/// </summary>
public static class BenchmarkMain
{
    public static int Main(string[] args)
    {
        if (args.FirstOrDefault() == "http") return OverHttp.HttpBenchmark.RunAsync(args[1..]).GetAwaiter().GetResult();
        if (args.FirstOrDefault() == "passes") return Scheduling.IdlePasses.RunAsync(args[1..]).GetAwaiter().GetResult();

        RunMode.Quick = args.Contains("--quick");
        var rest = args.Where(a => a != "--quick").ToArray();
        if (rest.Length == 0) rest = ["--filter", "*"];

        // In-process: the inbound benchmark starts Azurite and the bot itself, and a separately generated and built
        // benchmark project would add a minute of build per run on two cores for no gain in what we learn.
        var job = (RunMode.Quick ? Job.ShortRun : Job.Default).WithToolchain(InProcessEmitToolchain.Instance);
        var config = DefaultConfig.Instance
            .AddJob(job)
            .AddDiagnoser(MemoryDiagnoser.Default)
            .AddColumn(StatisticColumn.P95, StatisticColumn.Max);

        var summaries = BenchmarkSwitcher.FromAssembly(typeof(BenchmarkMain).Assembly).Run(rest, config).ToList();
        Targets.Print(summaries);
        return summaries.Any(s => s.HasCriticalValidationErrors || s.Reports.Any(r => !r.Success)) ? 1 : 0;
    }
}

/// <summary>Set by <see cref="BenchmarkMain"/> before any benchmark config is built (the benchmarks run in this process).</summary>
public static class RunMode
{
    public static bool Quick { get; set; }
}
