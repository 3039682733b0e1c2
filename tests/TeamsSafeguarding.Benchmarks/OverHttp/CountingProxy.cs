using System.Diagnostics;
using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace TeamsSafeguarding.Benchmarks.OverHttp;

/// <summary>What a Table Storage request does, read from its method and path alone, so it works for any storage layout.</summary>
public enum StorageOp { PointRead, Query, Insert, Update, Delete, Batch, Table }

/// <summary>Requests of one kind: how many, their body bytes each way, and (for batches) the operations inside them.</summary>
public readonly record struct OpTally(long Count, long RequestBytes, long ResponseBytes, long BatchedOperations)
{
    public static OpTally operator -(OpTally a, OpTally b) =>
        new(a.Count - b.Count, a.RequestBytes - b.RequestBytes, a.ResponseBytes - b.ResponseBytes, a.BatchedOperations - b.BatchedOperations);
}

/// <summary>
/// A snapshot of the counters, by kind: all round trips, and those made inside a click's own request (the rest are the
/// bot's background work: the outbox, sweeps). Subtract two snapshots to get what happened in between.
/// </summary>
public sealed record StorageCounts(IReadOnlyDictionary<StorageOp, OpTally> All, IReadOnlyDictionary<StorageOp, OpTally> InRequest)
{
    public long RoundTrips => All.Values.Sum(t => t.Count);
    public long InRequestRoundTrips => InRequest.Values.Sum(t => t.Count);

    public OpTally this[StorageOp op] => All.TryGetValue(op, out var t) ? t : default;
    public OpTally InRequestOf(StorageOp op) => InRequest.TryGetValue(op, out var t) ? t : default;

    public static StorageCounts operator -(StorageCounts a, StorageCounts b) => new(
        Enum.GetValues<StorageOp>().ToDictionary(op => op, op => a[op] - b[op]),
        Enum.GetValues<StorageOp>().ToDictionary(op => op, op => a.InRequestOf(op) - b.InRequestOf(op)));
}

/// <summary>
/// An HTTP proxy between a bot (or the storage floor) and Azurite that counts every storage round trip by kind. The
/// bot's connection string points at it; it forwards each request unchanged (path, query, headers and body, so the
/// SharedKey signature still holds) and the answer back. It sets no connection limit of its own, so the bot's storage
/// client decides how many requests are in flight, as it would against Azure.
/// A round trip is "in the request" when it carries the W3C traceparent of a benchmark click (<see cref="ClickTrace"/>):
/// ASP.NET Core continues the trace of an inbound request that has one, and the Azure SDK passes it on to storage,
/// while background services run outside any request. Nothing in the bot is needed for this.
/// </summary>
public sealed class CountingProxy : IAsyncDisposable
{
    private static readonly HashSet<string> HopByHop = new(StringComparer.OrdinalIgnoreCase)
        { "Host", "Connection", "Keep-Alive", "Transfer-Encoding", "Content-Length", "Expect", "Proxy-Connection", "Upgrade" };

    private readonly WebApplication app;
    private readonly HttpClient upstream;
    private readonly string upstreamBase;
    private readonly Lock gate = new();
    private readonly Dictionary<StorageOp, OpTally> tallies = [];
    private readonly Dictionary<StorageOp, OpTally> inRequest = [];
    private long lastActivity = Stopwatch.GetTimestamp();
    private int inFlight;
    private int failures;
    private string? rowsOfInterest;
    private long rowsRead;
    private long rowsReadOfInterest;

    private CountingProxy(WebApplication app, string upstreamBase)
    {
        this.app = app;
        this.upstreamBase = upstreamBase;
        upstream = new HttpClient(new SocketsHttpHandler { UseProxy = false, AllowAutoRedirect = false, UseCookies = false })
        {
            Timeout = TimeSpan.FromMinutes(5),
        };
    }

    /// <summary>The Azurite connection string with its table endpoint replaced by this proxy.</summary>
    public string ConnectionString { get; private set; } = "";

    /// <summary>Requests the proxy itself failed to forward: any would spoil the figures, so the run reports them.</summary>
    public int Failures => Volatile.Read(ref failures);

    /// <summary>Nothing in flight, and nothing for at least <paramref name="quiet"/>.</summary>
    public bool IsQuietFor(TimeSpan quiet) =>
        Volatile.Read(ref inFlight) == 0 && Stopwatch.GetElapsedTime(Interlocked.Read(ref lastActivity)) >= quiet;

    public static async Task<CountingProxy> StartAsync(string azuriteConnectionString)
    {
        var endpoint = azuriteConnectionString.Split(';').Single(p => p.StartsWith("TableEndpoint=", StringComparison.Ordinal))["TableEndpoint=".Length..];
        var endpointUri = new Uri(endpoint);
        var builder = WebApplication.CreateSlimBuilder(new WebApplicationOptions { ContentRootPath = AppContext.BaseDirectory });
        builder.Logging.ClearProviders();
        builder.WebHost.ConfigureKestrel(k =>
        {
            k.Listen(IPAddress.Loopback, 0);
            k.AddServerHeader = false;
            k.Limits.MaxRequestBodySize = null;
        });
        var app = builder.Build();
        var proxy = new CountingProxy(app, $"{endpointUri.Scheme}://{endpointUri.Authority}");
        app.Run(proxy.ForwardAsync);
        await app.StartAsync();
        var address = new Uri(app.Services.GetRequiredService<IServer>().Features.GetRequiredFeature<IServerAddressesFeature>().Addresses.First());
        proxy.ConnectionString = azuriteConnectionString.Replace(endpoint,
            $"http://127.0.0.1:{address.Port}{endpointUri.AbsolutePath}", StringComparison.Ordinal);
        return proxy;
    }

    /// <summary>
    /// From now on, counts the entities every read returns, and apart those in partitions starting with
    /// <paramref name="partitionPrefix"/>. Off unless asked: it parses every answer, which costs the benchmark CPU.
    /// </summary>
    public void CountRowsIn(string partitionPrefix) => rowsOfInterest = partitionPrefix;

    /// <summary>Entities returned by reads so far (once <see cref="CountRowsIn"/> is on), and those in the partitions of interest.</summary>
    public (long All, long OfInterest) RowsRead => (Interlocked.Read(ref rowsRead), Interlocked.Read(ref rowsReadOfInterest));

    public StorageCounts Snapshot()
    {
        lock (gate) return new StorageCounts(new Dictionary<StorageOp, OpTally>(tallies), new Dictionary<StorageOp, OpTally>(inRequest));
    }

    private async Task ForwardAsync(HttpContext context)
    {
        Interlocked.Increment(ref inFlight);
        Interlocked.Exchange(ref lastActivity, Stopwatch.GetTimestamp());
        try
        {
            var request = context.Request;
            var rawTarget = context.Features.GetRequiredFeature<IHttpRequestFeature>().RawTarget;
            using var buffered = new MemoryStream();
            await request.Body.CopyToAsync(buffered, context.RequestAborted);
            var body = buffered.ToArray();

            using var forward = new HttpRequestMessage(new HttpMethod(request.Method), upstreamBase + rawTarget);
            if (body.Length > 0 || request.ContentLength is not null) forward.Content = new ByteArrayContent(body);
            foreach (var (name, values) in request.Headers)
            {
                if (HopByHop.Contains(name)) continue;
                if (!forward.Headers.TryAddWithoutValidation(name, (IEnumerable<string?>)values))
                    forward.Content?.Headers.TryAddWithoutValidation(name, (IEnumerable<string?>)values);
            }

            using var answer = await upstream.SendAsync(forward, HttpCompletionOption.ResponseContentRead, context.RequestAborted);
            var answerBody = await answer.Content.ReadAsByteArrayAsync(context.RequestAborted);
            Count(Classify(request.Method, rawTarget), ClickTrace.IsClick(request.Headers.TraceParent), body, answerBody.Length);
            if (rowsOfInterest is { } prefix && request.Method == "GET" && answer.IsSuccessStatusCode) CountRows(answerBody, prefix);

            var response = context.Response;
            response.StatusCode = (int)answer.StatusCode;
            foreach (var (name, values) in answer.Headers.Concat(answer.Content.Headers))
                if (!HopByHop.Contains(name)) response.Headers[name] = values.ToArray();
            // A 204 (most writes) must carry no body at all, not even an empty one.
            if (answerBody.Length > 0)
            {
                response.ContentLength = answerBody.Length;
                await response.Body.WriteAsync(answerBody, context.RequestAborted);
            }
        }
        catch (Exception) when (!context.RequestAborted.IsCancellationRequested)
        {
            Interlocked.Increment(ref failures);
            throw;
        }
        finally
        {
            Interlocked.Exchange(ref lastActivity, Stopwatch.GetTimestamp());
            Interlocked.Decrement(ref inFlight);
        }
    }

    private void Count(StorageOp op, bool fromClick, byte[] requestBody, long responseBytes)
    {
        var batched = op == StorageOp.Batch ? OperationsIn(requestBody) : 0;
        lock (gate)
        {
            Add(tallies);
            if (fromClick) Add(inRequest);
        }

        void Add(Dictionary<StorageOp, OpTally> to)
        {
            var t = to.GetValueOrDefault(op);
            to[op] = new OpTally(t.Count + 1, t.RequestBytes + requestBody.Length, t.ResponseBytes + responseBytes, t.BatchedOperations + batched);
        }
    }

    /// <summary>A query answers {"value":[entities]}, a point read the entity itself.</summary>
    private void CountRows(byte[] answerBody, string prefix)
    {
        if (answerBody.Length == 0 || answerBody[0] != (byte)'{') return;
        using var json = System.Text.Json.JsonDocument.Parse(answerBody);
        var entities = json.RootElement.TryGetProperty("value", out var value) && value.ValueKind == System.Text.Json.JsonValueKind.Array
            ? value.EnumerateArray().ToList()
            : json.RootElement.TryGetProperty("PartitionKey", out _) ? [json.RootElement] : [];
        foreach (var entity in entities)
        {
            Interlocked.Increment(ref rowsRead);
            if (entity.TryGetProperty("PartitionKey", out var pk) && pk.GetString()?.StartsWith(prefix, StringComparison.Ordinal) == true)
                Interlocked.Increment(ref rowsReadOfInterest);
        }
    }

    /// <summary>The kind of a Table service request, from the method and path only (…/$batch, …/Tables, …/Name(PartitionKey=…,RowKey=…)).</summary>
    public static StorageOp Classify(string method, string rawTarget)
    {
        var path = Uri.UnescapeDataString(rawTarget.Split('?')[0]);
        var last = path[(path.LastIndexOf('/') + 1)..];
        if (last == "$batch") return StorageOp.Batch;
        if (last == "Tables" || last.StartsWith("Tables(", StringComparison.Ordinal)) return StorageOp.Table;
        return method switch
        {
            "GET" => last.Contains("PartitionKey=", StringComparison.Ordinal) && last.Contains("RowKey=", StringComparison.Ordinal)
                ? StorageOp.PointRead : StorageOp.Query,
            "POST" => StorageOp.Insert,
            "DELETE" => StorageOp.Delete,
            _ => StorageOp.Update, // PUT (replace or upsert), MERGE and PATCH (merge)
        };
    }

    /// <summary>The change sets of a batch are multipart parts, each with one request line ending in HTTP/1.1.</summary>
    private static int OperationsIn(byte[] body)
    {
        var text = System.Text.Encoding.UTF8.GetString(body);
        var count = 0;
        for (var at = text.IndexOf(" HTTP/1.1\r\n", StringComparison.Ordinal); at >= 0; at = text.IndexOf(" HTTP/1.1\r\n", at + 1, StringComparison.Ordinal))
            count++;
        return count;
    }

    public async ValueTask DisposeAsync()
    {
        await app.StopAsync();
        await app.DisposeAsync();
        upstream.Dispose();
    }
}

/// <summary>The traceparent each benchmark click is sent with: a trace id starting with a fixed mark, so storage round trips made for it can be told apart.</summary>
public static class ClickTrace
{
    private const string Mark = "00-be9c4000";

    public static string New() => $"{Mark}{Guid.NewGuid():N}"[..35] + $"-{Guid.NewGuid():N}"[..17] + "-01";

    public static bool IsClick(string? traceParent) => traceParent?.StartsWith(Mark, StringComparison.Ordinal) == true;
}
