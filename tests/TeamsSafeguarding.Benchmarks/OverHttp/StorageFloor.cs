using System.Diagnostics;
using Azure;
using Azure.Data.Tables;

namespace TeamsSafeguarding.Benchmarks.OverHttp;

/// <summary>
/// The storage floor: the round trips a build made for a workload, made again straight against Azurite with no bot in
/// between. Those the bot made inside the clicks' requests are split evenly into as many chains as the workload had
/// clicks, a chain's requests one after another (as within a click), as many chains at once as the workload's
/// concurrency; the floor's latency and rate are the chains'. Those it made in the background (the outbox, sweeps) are
/// made meanwhile one after another, as the bot's outbox does, so Azurite carries the same load. Each kind (point read,
/// query, insert, update, delete, batch with as many operations) as often as the bot, with bodies of the same average
/// size, through the same kind of counting proxy (both pay the same extra hop). What the bot takes beyond this is what
/// the bot itself adds. A query here reads one small partition: a bot whose queries scan the table is slower than its floor.
/// </summary>
public static class StorageFloor
{
    public sealed record Result(Percentiles Latency, double PerSecond, long RoundTrips);

    private const int EntityOverhead = 250;
    private const int BatchPartOverhead = 400;
    private static readonly StorageOp[] Kinds = [StorageOp.PointRead, StorageOp.Query, StorageOp.Insert, StorageOp.Update, StorageOp.Delete, StorageOp.Batch];
    private static int tables;

    public static async Task<Result> RunAsync(CountingProxy proxy, StorageCounts bot, int chains, int concurrency)
    {
        var table = new TableClient(proxy.ConnectionString, $"Floor{Interlocked.Increment(ref tables)}{Guid.NewGuid():N}"[..30]);
        await table.CreateIfNotExistsAsync();
        var shape = await Shape.PrepareAsync(table, bot);

        var plan = Enumerable.Range(0, chains).Select(_ => new List<StorageOp>()).ToList();
        var g = 0;
        foreach (var op in Kinds)
            for (var n = 0; n < bot.InRequestOf(op).Count; n++) plan[g++ % chains].Add(op);
        var background = Kinds.SelectMany(op => Enumerable.Repeat(op, (int)(bot[op].Count - bot.InRequestOf(op).Count))).ToList();

        var before = proxy.Snapshot();
        var latencies = new TimeSpan[chains];
        var next = -1;
        var started = Stopwatch.GetTimestamp();
        var behind = Task.Run(async () =>
        {
            for (var i = 0; i < background.Count; i++) await shape.DoAsync(background[i], chains + i % 16);
        });
        await Task.WhenAll(Enumerable.Range(0, Math.Min(concurrency, chains)).Select(_ => Task.Run(async () =>
        {
            for (var c = Interlocked.Increment(ref next); c < chains; c = Interlocked.Increment(ref next))
            {
                var t = Stopwatch.GetTimestamp();
                foreach (var op in plan[c]) await shape.DoAsync(op, c);
                latencies[c] = Stopwatch.GetElapsedTime(t);
            }
        })));
        var elapsed = Stopwatch.GetElapsedTime(started);
        await behind;
        return new Result(Percentiles.Of(latencies), chains / elapsed.TotalSeconds, (proxy.Snapshot() - before).RoundTrips);
    }

    /// <summary>The rows the floor works on, sized from the bot's averages.</summary>
    private sealed class Shape(TableClient table, int queryRows, string writeData, int batchSize, string batchData)
    {
        private const int ReadRows = 8;
        private long inserted;
        private long deleted;

        public static async Task<Shape> PrepareAsync(TableClient table, StorageCounts bot)
        {
            static int Average(long total, long count) => count == 0 ? 0 : (int)(total / count);
            var read = bot[StorageOp.PointRead];
            var query = bot[StorageOp.Query];
            var writes = bot[StorageOp.Insert].RequestBytes + bot[StorageOp.Update].RequestBytes;
            var batch = bot[StorageOp.Batch];
            var batchSize = Math.Max(1, (int)Math.Round(batch.BatchedOperations / (double)Math.Max(1, batch.Count)));

            var readData = Data(Average(read.ResponseBytes, read.Count) - EntityOverhead);
            var queryRows = Math.Clamp((int)Math.Round(Average(query.ResponseBytes, query.Count) / 1024.0), 0, 1000);
            var shape = new Shape(table, queryRows,
                Data(Average(writes, bot[StorageOp.Insert].Count + bot[StorageOp.Update].Count) - EntityOverhead),
                batchSize,
                Data(Average(batch.RequestBytes, batch.Count) / batchSize - BatchPartOverhead));

            var rows = Enumerable.Range(0, ReadRows).Select(i => new TableEntity("read", $"r{i}") { ["Data"] = readData })
                .Concat(Enumerable.Range(0, queryRows).Select(i => new TableEntity("query", $"q{i:D4}") { ["Data"] = Data(1024 - EntityOverhead) }))
                .Concat(Enumerable.Range(0, (int)bot[StorageOp.Delete].Count).Select(i => new TableEntity("delete", $"d{i:D7}")));
            foreach (var partition in rows.GroupBy(r => r.PartitionKey))
                foreach (var chunk in partition.Chunk(100))
                    await table.SubmitTransactionAsync(chunk.Select(e => new TableTransactionAction(TableTransactionActionType.UpsertReplace, e)));
            return shape;
        }

        public async Task DoAsync(StorageOp op, int chain)
        {
            switch (op)
            {
                case StorageOp.PointRead:
                    await table.GetEntityAsync<TableEntity>("read", $"r{chain % ReadRows}");
                    break;
                case StorageOp.Query:
                    await foreach (var _ in table.QueryAsync<TableEntity>(e => e.PartitionKey == (queryRows > 0 ? "query" : "empty"))) { }
                    break;
                case StorageOp.Insert:
                    await table.AddEntityAsync(new TableEntity("insert", $"i{Interlocked.Increment(ref inserted):D9}") { ["Data"] = writeData });
                    break;
                case StorageOp.Update:
                    await table.UpsertEntityAsync(new TableEntity("update", $"u{chain}") { ["Data"] = writeData }, TableUpdateMode.Replace);
                    break;
                case StorageOp.Delete:
                    await table.DeleteEntityAsync("delete", $"d{Interlocked.Increment(ref deleted) - 1:D7}", ETag.All);
                    break;
                case StorageOp.Batch:
                    await table.SubmitTransactionAsync(Enumerable.Range(0, batchSize).Select(i =>
                        new TableTransactionAction(TableTransactionActionType.UpsertReplace, new TableEntity($"batch{chain}", $"b{i}") { ["Data"] = batchData })));
                    break;
            }
        }

        private static string Data(int length) => new('x', Math.Max(0, length));
    }
}
