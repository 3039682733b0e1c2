using BenchmarkDotNet.Reports;
using TeamsSafeguarding.Benchmarks.Inbound;

namespace TeamsSafeguarding.Benchmarks;

/// <summary>
/// The speed targets, printed next to the measured figures. Printed, not asserted: the figures depend on the machine.
/// Teams waits 15 seconds for an invoke's answer (and retries messages that take too long), so the inbound path must stay
/// far below that even on a busy App Service plan; locally we want p95 under 200 ms per request.
/// </summary>
public static class Targets
{
    public const double InboundP95Milliseconds = 200;
    public const double TeamsInvokeDeadlineMilliseconds = 15_000;

    public static void Print(IEnumerable<Summary> summaries)
    {
        var inbound = summaries.SelectMany(s => s.Reports)
            .Where(r => r.BenchmarkCase.Descriptor.Type == typeof(InboundBenchmarks) && r.ResultStatistics is not null)
            .ToList();
        if (inbound.Count == 0) return;

        Console.WriteLine();
        Console.WriteLine($"// Inbound targets: p95 < {InboundP95Milliseconds:0} ms per request locally; every request far under Teams' {TeamsInvokeDeadlineMilliseconds / 1000:0} s invoke deadline.");
        foreach (var report in inbound)
        {
            var stats = report.ResultStatistics!;
            var p95 = stats.Percentiles.P95 / 1_000_000;
            var max = stats.Max / 1_000_000;
            var bytes = report.GcStats.GetBytesAllocatedPerOperation(report.BenchmarkCase);
            var verdict = p95 < InboundP95Milliseconds && max < TeamsInvokeDeadlineMilliseconds ? "MET" : "MISSED";
            Console.WriteLine(
                $"//   {report.BenchmarkCase.Descriptor.WorkloadMethod.Name,-22} n={stats.N,4}  median {stats.Median / 1_000_000,7:0.00} ms  " +
                $"p95 {p95,7:0.00} ms  max {max,7:0.00} ms  allocated {(bytes ?? 0) / 1024.0,8:0.0} KB/request  target {verdict}");
        }
    }
}
