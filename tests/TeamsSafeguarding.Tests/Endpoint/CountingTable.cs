using Azure.Core.Pipeline;
using Azure.Data.Tables;

namespace TeamsSafeguarding.Tests.Endpoint;

/// <summary>A TableClient on Azurite that counts the writes it makes (every request that is not a read) and its transactions, and records every request.</summary>
internal sealed class CountingTable
{
    private readonly Counter counter = new();

    public CountingTable(string connectionString, string tableName)
    {
        Client = new TableClient(connectionString, tableName, new TableClientOptions { Transport = new HttpClientTransport(new HttpClient(counter)) });
        Client.CreateIfNotExists();
        counter.Writes = 0;
    }

    public TableClient Client { get; }

    public int Writes => counter.Writes;

    /// <summary>Transactions (entity group batches) sent since it was made (<see cref="Reset"/> leaves them).</summary>
    public int Batches => counter.Batches;

    /// <summary>Every request since the last <see cref="Reset"/>: method and decoded path with query.</summary>
    public IReadOnlyList<string> Requests => counter.Requests.ToArray();

    public void Reset()
    {
        counter.Writes = 0;
        counter.Requests.Clear();
    }

    private sealed class Counter() : DelegatingHandler(new SocketsHttpHandler())
    {
        public int Writes;
        public int Batches;
        public readonly System.Collections.Concurrent.ConcurrentQueue<string> Requests = new();

        protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken ct)
        {
            Requests.Enqueue($"{request.Method} {Uri.UnescapeDataString(request.RequestUri!.PathAndQuery)}");
            if (request.Method != HttpMethod.Get && request.Method != HttpMethod.Head) Interlocked.Increment(ref Writes);
            if (request.RequestUri!.AbsolutePath.EndsWith("$batch", StringComparison.Ordinal)) Interlocked.Increment(ref Batches);
            return base.SendAsync(request, ct);
        }
    }
}
