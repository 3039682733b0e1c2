using Azure;
using Azure.Data.Tables;
using BenchmarkDotNet.Attributes;
using TeamsSafeguarding.Benchmarks.Inbound;
using TeamsSafeguarding.Storage;

namespace TeamsSafeguarding.Benchmarks.Storage;

/// <summary>
/// What one call of the Azure Tables SDK costs the bot in allocations (and time, on Azurite): a point read of a
/// partners-sized row, a single insert, and entity group transactions of 1, 3 and 8 small rows, through the client the
/// bot builds (<see cref="TableStorage.ClientOptions"/>). A view commits one transaction of about three rows (the
/// partners row, a case log line, the card's outbox row), so this is where most of a view's allocations go; see
/// README, "What is left of a view's allocations".
/// </summary>
[MemoryDiagnoser]
public class StorageCallBenchmarks
{
    private const string Partition = "case|bench";
    private LocalAzurite azurite = null!;
    private TableClient table = null!;
    private long next;

    [GlobalSetup]
    public void Setup()
    {
        azurite = LocalAzurite.Start();
        table = new TableClient(azurite.ConnectionString, "StorageCalls", TableStorage.ClientOptions(new StorageOptions()));
        table.CreateIfNotExists();
        // About the size of a partners row with three agencies' views (the Views JSON is chunked text).
        table.UpsertEntity(new TableEntity(Partition, "partners")
        {
            ["CaseId"] = "bench", ["SentAt"] = DateTimeOffset.UtcNow, ["ViewsDue"] = "2026-03-09", ["DecisionDue"] = "2026-03-16",
            ["NotTriaged"] = false, ["ViewCount"] = 15, ["Views0"] = new string('v', 750), ["RemindersSent"] = "",
        });
    }

    [GlobalCleanup]
    public void Cleanup() => azurite.Dispose();

    [Benchmark]
    public async Task<TableEntity?> PointRead() =>
        (await table.GetEntityIfExistsAsync<TableEntity>(Partition, "partners")).Value;

    [Benchmark]
    public Task Insert() => table.AddEntityAsync(LogLine());

    [Benchmark]
    public Task Transaction_of_1() => Transaction(1);

    [Benchmark]
    public Task Transaction_of_3() => Transaction(3);

    [Benchmark]
    public Task Transaction_of_8() => Transaction(8);

    private Task Transaction(int rows) =>
        table.SubmitTransactionAsync(Enumerable.Range(0, rows).Select(_ => new TableTransactionAction(TableTransactionActionType.Add, LogLine())));

    private TableEntity LogLine() => new(Partition, $"log|{Interlocked.Increment(ref next):D12}")
    {
        ["Action"] = "View given", ["Detail"] = "Police: MeetingRequired", ["ActorKey"] = "member", ["ActorRole"] = "Partner",
        ["At"] = DateTimeOffset.UtcNow,
    };
}
