using System.Globalization;
using System.Text;

namespace TeamsSafeguarding.Benchmarks.OverHttp;

/// <summary>
/// The figures as Markdown (to paste into the README): one table per workload and concurrency with a column per build
/// and, when comparing, the ratio of the checkout to the other build; then a summary across concurrencies.
/// </summary>
public static class Report
{
    private static readonly CultureInfo Inv = CultureInfo.InvariantCulture;

    private static readonly StorageOp[] Kinds =
        [StorageOp.PointRead, StorageOp.Query, StorageOp.Insert, StorageOp.Update, StorageOp.Delete, StorageOp.Batch];

    private sealed record Row(string Name, Func<Measured, string> Value, Func<Measured, double?>? Ratio = null);

    public static string Table(IReadOnlyList<Measured> builds)
    {
        var w = builds[0].Workload;
        var unit = w.Unit[..^1];
        var rows = new List<Row>
        {
            new("answered with a card / refused / errors", m => $"{m.Cards} / {m.Refused} / {m.Errors}"),
            new("latency p50 / p95 / p99 / max (ms); ratio of p95", m => Ms(m.Latency), m => m.Latency.P95.TotalMilliseconds),
            new("over Teams' 15 s invoke limit", m => m.OverTeamsLimit.ToString(Inv)),
            new($"{w.Unit} per second", m => F1(m.PerSecond), m => m.PerSecond),
            new($"storage round trips per {unit}", m => F1(m.Storage.RoundTrips / (double)m.Operations), m => m.Storage.RoundTrips / (double)m.Operations),
            new("  of which in the request", m => F1(m.Storage.InRequestRoundTrips / (double)m.Operations), m => m.Storage.InRequestRoundTrips / (double)m.Operations),
            new("  reads / queries / inserts / updates / deletes / batches", m => string.Join(" / ",
                Kinds.Select(op => F1(m.Storage[op].Count / (double)m.Operations)))),
            new("  the same, in the request", m => string.Join(" / ", Kinds.Select(op => F1(m.Storage.InRequestOf(op).Count / (double)m.Operations)))),
            new($"bot CPU per {unit} (ms)", m => F1(m.Use.Cpu.TotalMilliseconds / m.Operations), m => m.Use.Cpu.TotalMilliseconds / m.Operations),
            new($"allocated per {unit} (KB)", m => F0(m.Use.AllocatedBytes / 1024.0 / m.Operations), m => m.Use.AllocatedBytes / 1024.0 / m.Operations),
            new("peak RSS (MB)", m => F0(m.PeakRssBytes / 1048576.0), m => m.PeakRssBytes),
            new(w.Scenario == "views" ? "shared card shows the last views, after the last answer (s)" : "card posted, after the last answer (s)",
                m => m.Freshness is { } f ? F1(f.TotalSeconds) : $"NOT after {F0(m.Window.TotalSeconds)} s ({m.Delivery.Arrived} of {m.Delivery.Expected})",
                m => m.Freshness?.TotalSeconds),
            new(w.Scenario == "views" ? "card updates sent during the load / in all" : "cards posted during the load / in all",
                m => $"{m.Delivery.SentDuringLoad} / {m.Delivery.Sent}"),
            new("storage floor p50 / p95 / p99 / max (ms)", m => m.Floor is { } f ? Ms(f.Latency) : "-"),
            new($"storage floor {w.Unit} per second", m => m.Floor is { } f ? F1(f.PerSecond) : "-"),
            new($"storage floor round trips per {unit} (as the bot's, less table creation)", m => m.Floor is { } f ? F1(f.RoundTrips / (double)m.Operations) : "-"),
            new("bot ÷ floor: p99 / per second", m => m.Floor is { } f
                ? $"{F2(m.Latency.P99 / f.Latency.P99)} / {F2(m.PerSecond / f.PerSecond)}" : "-"),
        };

        var sb = new StringBuilder();
        var first = builds[0];
        sb.AppendLine($"#### {w.Scenario}, concurrency {w.Concurrency}: {first.Operations} {w.Unit}" +
                      (w.Scenario == "views" ? $" on {first.Results.Select(r => r.Click.CaseId).Distinct().Count()} cases" : ""));
        sb.AppendLine();
        var compare = builds.Count == 2;
        sb.AppendLine("| | " + string.Join(" | ", builds.Select(b => b.Build)) + (compare ? $" | {Short(builds[1].Build)} ÷ {Short(builds[0].Build)} |" : " |"));
        sb.AppendLine("|---|" + string.Concat(builds.Select(_ => "---:|")) + (compare ? "---:|" : ""));
        foreach (var row in rows)
        {
            sb.Append($"| {row.Name} | ").Append(string.Join(" | ", builds.Select(row.Value))).Append(" |");
            if (compare)
                sb.Append(row.Ratio is { } r && r(builds[0]) is { } a && r(builds[1]) is { } b && a != 0 ? $" {F2(b / a)} |" : " |");
            sb.AppendLine();
        }
        return sb.ToString();
    }

    /// <summary>The headline figures of every measurement, one line per workload, concurrency and build.</summary>
    public static string Summary(IReadOnlyList<Measured> all)
    {
        var sb = new StringBuilder();
        sb.AppendLine("| workload | concurrency | build | p50 ms | p95 ms | p99 ms | max ms | per s | round trips each (in request) | CPU ms each | KB each | peak RSS MB | card after (s) | floor p99 ms | bot ÷ floor p99 |");
        sb.AppendLine("|---|---:|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|");
        foreach (var m in all)
        {
            var l = m.Latency;
            sb.AppendLine($"| {m.Workload.Scenario} | {m.Workload.Concurrency} | {m.Build} | {F0(l.P50.TotalMilliseconds)} | {F0(l.P95.TotalMilliseconds)} | " +
                          $"{F0(l.P99.TotalMilliseconds)} | {F0(l.Max.TotalMilliseconds)} | {F1(m.PerSecond)} | {F1(m.Storage.RoundTrips / (double)m.Operations)} ({F1(m.Storage.InRequestRoundTrips / (double)m.Operations)}) | " +
                          $"{F1(m.Use.Cpu.TotalMilliseconds / m.Operations)} | {F0(m.Use.AllocatedBytes / 1024.0 / m.Operations)} | {F0(m.PeakRssBytes / 1048576.0)} | " +
                          $"{(m.Freshness is { } f ? F1(f.TotalSeconds) : "not fresh")} | {(m.Floor is { } fl ? F0(fl.Latency.P99.TotalMilliseconds) : "-")} | " +
                          $"{(m.Floor is { } fr ? F2(m.Latency.P99 / fr.Latency.P99) : "-")} |");
        }
        return sb.ToString();
    }

    private static string Short(string build) => build.Split(' ')[0];
    private static string Ms(Percentiles p) =>
        $"{F0(p.P50.TotalMilliseconds)} / {F0(p.P95.TotalMilliseconds)} / {F0(p.P99.TotalMilliseconds)} / {F0(p.Max.TotalMilliseconds)}";
    private static string F0(double v) => v.ToString("0", Inv);
    private static string F1(double v) => v.ToString("0.0", Inv);
    private static string F2(double v) => v.ToString("0.00", Inv);
}
