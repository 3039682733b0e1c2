using System.Diagnostics;
using Azure.Data.Tables;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging.Abstractions;
using TeamsSafeguarding.Benchmarks.Inbound;
using TeamsSafeguarding.Benchmarks.OverHttp;
using TeamsSafeguarding.Cases;
using TeamsSafeguarding.Escalation.Cases;
using TeamsSafeguarding.Escalation.Process;
using TeamsSafeguarding.Outbox;
using TeamsSafeguarding.Partners;
using TeamsSafeguarding.Referrals;
using TeamsSafeguarding.Scheduling;
using TeamsSafeguarding.Storage;

namespace TeamsSafeguarding.Benchmarks.Scheduling;

/// <summary>
/// What a scheduled pass costs when nothing is due, on a table of 10,000 and 100,000 cases (issue 14, item 4): each of
/// the bot's periodic passes (the partners' deadlines, draft expiry, the redelivery guards' sweep, the outbox's look for
/// work) runs once through a counting proxy, and the storage requests it made and the rows they returned are printed,
/// with the rows read from case partitions apart. The target is none: a pass reads the index of what is due, not the
/// cases. The cases go straight to Azurite (one transaction per case: its case row and partners row), with each case's
/// next reminder in the due index days ahead, as sending a case to the partners leaves it.
/// Seeding is Azurite's work, and it slows as the table grows: 10,000 cases take about half a minute on 2 cores, 100,000
/// more than half an hour, so 100,000 is asked for with --cases.
/// <code>
/// dotnet run -c Release --project tests/TeamsSafeguarding.Benchmarks -- passes [--cases 10000,100000]
/// </code>
/// </summary>
public static class IdlePasses
{
    private const int SeedConcurrency = 32;

    public static async Task<int> RunAsync(string[] args)
    {
        var sizes = (ValueOf(args, "--cases") ?? "10000").Split(',').Select(int.Parse).ToList();
        Console.WriteLine($"// Scheduled passes with nothing due; {Environment.ProcessorCount} cores, {DateTime.UtcNow:yyyy-MM-dd HH:mm} UTC, " +
                          $"load average {LoadAverage()}");
        using var azurite = LocalAzurite.Start();
        await using var proxy = await CountingProxy.StartAsync(azurite.ConnectionString);
        proxy.CountRowsIn(CaseRow.PartitionOf(""));
        var caseRowsRead = 0L;
        foreach (var size in sizes)
        {
            var tableName = $"Passes{size}x{DateTime.UtcNow:HHmmss}";
            var seeding = Stopwatch.StartNew();
            await SeedAsync(new TableClient(azurite.ConnectionString, tableName), size);
            Console.WriteLine($"// {size:N0} cases seeded in {seeding.Elapsed.TotalSeconds:0} s (not measured); load average {LoadAverage()}");

            await using var bot = new BotFactory(proxy.ConnectionString, tableName);
            var services = bot.Services;
            var table = services.GetRequiredService<TableClient>();
            (string Name, Func<Task> Pass)[] passes =
            [
                ("partners' deadlines", () => services.GetRequiredService<PartnerDeadlines>().SweepOnceAsync(default)),
                ("draft expiry", () => services.GetRequiredService<DraftExpiry>().SweepOnceAsync(default)),
                ("redelivery guards", () => new DedupeSweeper(table, TimeProvider.System, NullLogger<DedupeSweeper>.Instance).SweepOnceAsync(default)),
                ("outbox", () => services.GetRequiredService<OutboxDispatcher>().DispatchOnceAsync(default)),
            ];
            Console.WriteLine($"| cases | pass | requests | of which queries / point reads | rows returned | case rows read | ms |");
            Console.WriteLine($"|---:|---|---:|---:|---:|---:|---:|");
            foreach (var (name, pass) in passes)
            {
                await pass(); // once unmeasured: the first call of each pass builds what it holds (clients, options)
                var (before, rowsBefore) = (proxy.Snapshot(), proxy.RowsRead);
                var timer = Stopwatch.StartNew();
                await pass();
                timer.Stop();
                var (used, after) = (proxy.Snapshot() - before, proxy.RowsRead);
                var rows = (All: after.All - rowsBefore.All, OfInterest: after.OfInterest - rowsBefore.OfInterest);
                caseRowsRead += rows.OfInterest;
                Console.WriteLine($"| {size:N0} | {name} | {used.RoundTrips} | {used[StorageOp.Query].Count} / {used[StorageOp.PointRead].Count} | " +
                                  $"{rows.All} | {rows.OfInterest} | {timer.Elapsed.TotalMilliseconds:0} |");
            }
        }
        Console.WriteLine(caseRowsRead == 0
            ? "// Target MET: no pass read a case row."
            : $"// Target MISSED: the passes read {caseRowsRead} case row(s).");
        return caseRowsRead == 0 && proxy.Failures == 0 ? 0 : 1;
    }

    /// <summary>Cases with the partners, each its own partition (one transaction each), and their next reminders, 100 to a transaction.</summary>
    private static async Task SeedAsync(TableClient table, int count)
    {
        await table.CreateIfNotExistsAsync();
        var now = DateTimeOffset.UtcNow;
        var sent = now.AddDays(-1);
        var profile = ProcessProfile.Default;
        var deadlines = profile.PartnerDeadlines(sent, profile.Calendar());
        var ids = Enumerable.Range(0, count).Select(_ => CaseStore.NewCaseId()).ToList();
        var (seeded, started) = (0, Stopwatch.StartNew());
        await Parallel.ForEachAsync(ids, new ParallelOptions { MaxDegreeOfParallelism = SeedConcurrency }, async (caseId, ct) =>
        {
            if (Interlocked.Increment(ref seeded) % 10_000 == 0) Console.WriteLine($"//   {seeded:N0} cases after {started.Elapsed.TotalSeconds:0} s");
            var record = new Case
            {
                CaseId = caseId, Reference = "SAB-2026-" + caseId[^6..], Stage = CaseStage.WithPartners, ReferrerKey = "referrer-1",
                ReferringAgency = "adult-social-care", RiskBand = "High", Version = 1, CreatedAt = sent, UpdatedAt = sent, StageSince = sent,
            };
            await table.SubmitTransactionAsync(
            [
                new(TableTransactionActionType.Add, CaseRow.ToEntity(record)),
                new(TableTransactionActionType.Add, PartnersRow.Start(caseId, sent, deadlines, notTriaged: false).ToEntity()),
            ], ct);
        });
        // Nothing due: each case's next look is days ahead (whatever the working days say, it is in the future).
        var dueRows = ids.Select((id, i) => DueIndex.Row(PartnersClock.Kind, id, now.AddDays(3).AddSeconds(i))).ToList();
        await Parallel.ForEachAsync(dueRows.Chunk(100), new ParallelOptions { MaxDegreeOfParallelism = SeedConcurrency }, async (chunk, ct) =>
            await table.SubmitTransactionAsync(chunk.Select(r => new TableTransactionAction(TableTransactionActionType.Add, r)), ct));
    }

    /// <summary>The bot's own services on the seeded table through the proxy, with none of its background services running: each pass is run by hand.</summary>
    private sealed class BotFactory(string connectionString, string tableName) : WebApplicationFactory<Program>
    {
        protected override void ConfigureWebHost(IWebHostBuilder builder)
        {
            builder.UseEnvironment("Development");
            builder.UseContentRoot(RepoRoot.Combine("bot"));
            builder.UseSetting("Storage:ConnectionString", connectionString);
            builder.UseSetting("Storage:TableName", tableName);
            builder.UseSetting("Logging:LogLevel:Default", "Warning");
            // The bot's own background services go (registered by a factory, or by a type of the bot's); the host's stay.
            builder.ConfigureTestServices(services =>
            {
                foreach (var service in services.Where(d => d.ServiceType == typeof(IHostedService) && (d.ImplementationFactory is not null
                             || d.ImplementationType?.Namespace?.StartsWith("TeamsSafeguarding", StringComparison.Ordinal) == true)).ToList())
                    services.Remove(service);
            });
        }
    }

    private static string LoadAverage() => File.Exists("/proc/loadavg") ? string.Join(" ", File.ReadAllText("/proc/loadavg").Split(' ').Take(3)) : "unknown";

    private static string? ValueOf(string[] args, string name) =>
        Array.IndexOf(args, name) is var i and >= 0 && i + 1 < args.Length ? args[i + 1] : null;
}
