using Azure.Core.Pipeline;
using Azure.Data.Tables;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;
using TeamsSafeguarding.Board;
using TeamsSafeguarding.Escalation.Process;
using TeamsSafeguarding.Outbox;
using TeamsSafeguarding.Storage;
using TeamsSafeguarding.Tests.Support;

namespace TeamsSafeguarding.Tests.Board;

/// <summary>
/// One bot instance's view of the board's roles: its configuration, its store and its start-up recorder, over its
/// own TableClient (so several "instances" can share one Azurite table), with a fixed clock and captured logs.
/// </summary>
internal sealed class RolesOnStorage
{
    public RolesOnStorage(TableClient table, BoardOptions board, FakeTimeProvider clock, LogCapture? logs = null, ProcessProfile? profile = null)
    {
        Table = table;
        Board = board;
        Clock = clock;
        Store = new BoardRolesStore(table, new Transactions(table, new OutboxSignal(), clock), clock);
        var factory = LoggerFactory.Create(b =>
        {
            b.SetMinimumLevel(LogLevel.Trace);
            if (logs is not null) b.AddProvider(logs);
        });
        Recorder = new BoardRolesRecorder(Store, Options.Create(board), profile ?? ProcessProfile.Default, clock, factory.CreateLogger<BoardRolesRecorder>());
    }

    public TableClient Table { get; }
    public BoardOptions Board { get; }
    public FakeTimeProvider Clock { get; }
    public BoardRolesStore Store { get; }
    public BoardRolesRecorder Recorder { get; }

    public static BoardOptions SampleBoard() => new()
    {
        Coordinators = ["coord-1"],
        DeputyBoardManagers = ["dbm-1"],
        Chairs = ["chair-1"],
        BoardAdmins = ["admin-1"],
        Auditors = [],
        Partners =
        [
            new() { Id = "la", Name = "Local authority", Members = ["la-1", "la-2"] },
            new() { Id = "police", Name = "Police", Members = ["police-1"] },
            new() { Id = "icb", Name = "NHS integrated care board", Members = ["icb-1"] },
        ],
    };

    public static FakeTimeProvider Monday() => new(new DateTimeOffset(2026, 3, 2, 9, 0, 0, TimeSpan.Zero));

    /// <summary>Every row of the board's partition.</summary>
    public List<TableEntity> BoardRows() =>
        Table.Query<TableEntity>(e => e.PartitionKey == BoardRolesStore.Partition).ToList();

    /// <summary>A TableClient on the same Azurite table whose requests pass through <paramref name="handler"/>, without SDK retries.</summary>
    public static TableClient Through(string connectionString, string tableName, HttpMessageHandler handler) =>
        new(connectionString, tableName, new TableClientOptions
        {
            Transport = new HttpClientTransport(new HttpClient(handler)),
            Retry = { MaxRetries = 0 },
        });
}

/// <summary>Passes requests to Azurite until cut, then fails them as a dead network would.</summary>
internal sealed class StorageLine() : DelegatingHandler(new SocketsHttpHandler())
{
    public volatile bool Cut;

    protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken ct) =>
        Cut ? throw new HttpRequestException("Connection refused (test: storage line cut)") : base.SendAsync(request, ct);
}

/// <summary>
/// Holds back the answers to the first <c>readers</c> reads of the roles row until all of them have been read, so
/// every instance sees the same stored version before any of them writes: the race of instances starting together.
/// </summary>
internal sealed class ReadTogether(int readers) : DelegatingHandler(new SocketsHttpHandler())
{
    private readonly TaskCompletionSource _allRead = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private int _reads;

    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken ct)
    {
        var response = await base.SendAsync(request, ct);
        var isRolesRead = request.Method == HttpMethod.Get && Uri.UnescapeDataString(request.RequestUri!.AbsolutePath).Contains($"RowKey='{BoardRolesStore.Row}'");
        if (isRolesRead && Interlocked.Increment(ref _reads) is var n && n <= readers)
        {
            if (n == readers) _allRead.TrySetResult();
            await _allRead.Task.WaitAsync(TimeSpan.FromSeconds(10), ct);
        }
        return response;
    }
}
