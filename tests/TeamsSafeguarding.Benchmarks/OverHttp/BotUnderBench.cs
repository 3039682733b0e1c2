using System.Diagnostics;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using TeamsSafeguarding.Benchmarks.Inbound;

namespace TeamsSafeguarding.Benchmarks.OverHttp;

/// <summary>What an invoke was answered with: a card (what every benchmarked click expects), a message (a refusal), or an error.</summary>
public enum Answer { Card, Message, Error }

/// <summary>One request: how long until its whole answer was read, and what it was.</summary>
public readonly record struct Timed(TimeSpan Latency, Answer Answer, JsonObject? Card);

/// <summary>
/// One build under test, with its own everything: a counting proxy to the shared Azurite, its own table, a local
/// connector its activities point to (so every card it sends is timed there), and the bot process.
/// </summary>
public sealed class BotUnderBench : IAsyncDisposable
{
    private readonly Lock gate = new();
    private readonly List<SeenCall> calls = [];
    private long lastCall = Stopwatch.GetTimestamp();

    private BotUnderBench(BotBuild build) => Build = build;

    public BotBuild Build { get; }
    public string Label => Build.Label;
    public CountingProxy Proxy { get; private set; } = null!;
    public LocalConnector Connector { get; private set; } = null!;
    public BotProcess Bot { get; private set; } = null!;
    public BenchBoard Board { get; private set; } = null!;
    public HttpClient Http { get; private set; } = null!;

    public static async Task<BotUnderBench> StartAsync(BotBuild build, LocalAzurite azurite, string table, string logFile)
    {
        var bench = new BotUnderBench(build);
        try
        {
            bench.Proxy = await CountingProxy.StartAsync(azurite.ConnectionString);
            bench.Connector = await LocalConnector.StartAsync(bench.Record);
            bench.Board = new BenchBoard(bench.Connector.ServiceUrl);
            bench.Bot = await BotProcess.StartAsync(build, BenchBoard.Settings(bench.Proxy.ConnectionString, table), logFile);
            // No connection limit and no client timeout shorter than the bot's own: the bot decides how fast it answers.
            bench.Http = new HttpClient(new SocketsHttpHandler { UseProxy = false, PooledConnectionIdleTimeout = TimeSpan.FromMinutes(5) })
            {
                BaseAddress = new Uri(bench.Bot.BaseUrl),
                Timeout = TimeSpan.FromSeconds(120),
            };
            return bench;
        }
        catch
        {
            await bench.DisposeAsync();
            throw;
        }
    }

    /// <summary>Reads each card once as it arrives (which case, which views' tokens), so checking deliveries stays cheap.</summary>
    private void Record(ConnectorCall call)
    {
        var seen = SeenCall.Of(call);
        lock (gate) calls.Add(seen);
        Interlocked.Exchange(ref lastCall, call.At);
    }

    public int CallCount
    {
        get { lock (gate) return calls.Count; }
    }

    public IReadOnlyList<SeenCall> CallsFrom(int index)
    {
        lock (gate) return calls.Skip(index).ToList();
    }

    /// <summary>POSTs one activity to /api/messages and reads the whole answer.</summary>
    public async Task<Timed> InvokeAsync(string activityJson)
    {
        var started = Stopwatch.GetTimestamp();
        try
        {
            using var request = new HttpRequestMessage(HttpMethod.Post, "api/messages")
            {
                Content = new StringContent(activityJson, Encoding.UTF8, "application/json"),
            };
            request.Headers.TryAddWithoutValidation("traceparent", ClickTrace.New());
            using var response = await Http.SendAsync(request);
            var body = await response.Content.ReadAsStringAsync();
            var latency = Stopwatch.GetElapsedTime(started);
            if ((int)response.StatusCode != 200) return new Timed(latency, Answer.Error, null);
            var answer = JsonNode.Parse(body) as JsonObject;
            return answer?["type"]?.GetValue<string>() switch
            {
                "application/vnd.microsoft.card.adaptive" => new Timed(latency, Answer.Card, answer["value"] as JsonObject),
                "application/vnd.microsoft.activity.message" => new Timed(latency, Answer.Message, null),
                _ => new Timed(latency, Answer.Error, null),
            };
        }
        catch (Exception e) when (e is HttpRequestException or TaskCanceledException or JsonException)
        {
            return new Timed(Stopwatch.GetElapsedTime(started), Answer.Error, null);
        }
    }

    /// <summary>
    /// Waits until the bot looks idle: no storage request in flight and none, nor any connector call, for
    /// <paramref name="quiet"/>. Gives up after <paramref name="max"/> (a bot that polls more often than that is never idle).
    /// </summary>
    public async Task SettleAsync(TimeSpan quiet, TimeSpan max)
    {
        var until = Stopwatch.GetTimestamp() + (long)(max.TotalSeconds * Stopwatch.Frequency);
        while (Stopwatch.GetTimestamp() < until)
        {
            if (IsIdleFor(quiet)) return;
            await Task.Delay(100);
        }
    }

    /// <summary>No storage request in flight, and none, nor any connector call, for <paramref name="quiet"/>.</summary>
    public bool IsIdleFor(TimeSpan quiet) =>
        Proxy.IsQuietFor(quiet) && Stopwatch.GetElapsedTime(Interlocked.Read(ref lastCall)) >= quiet;

    public async ValueTask DisposeAsync()
    {
        Http?.Dispose();
        if (Bot is not null) await Bot.DisposeAsync();
        if (Connector is not null) await Connector.DisposeAsync();
        if (Proxy is not null) await Proxy.DisposeAsync();
    }
}

/// <summary>
/// A connector call with what the benchmark needs from its body: the case its card is about, the views' tokens it shows
/// (builds whose shared card showed the reasons) and each agency's view in words as the card shows it ("Police=Meeting
/// required"; the shared card has shown no reasons since the phone-first procedure).
/// </summary>
public sealed partial record SeenCall(long At, string Method, string Path, string Body, string? CaseId, IReadOnlySet<string> Tokens,
    IReadOnlySet<string> Shown)
{
    public static SeenCall Of(ConnectorCall call) => new(call.At, call.Method, call.Path, call.Body,
        CaseIdPattern().Match(call.Body) is { Success: true } m ? m.Groups[1].Value : null,
        TokenPattern().Matches(call.Body).Select(t => t.Value).ToHashSet(StringComparer.Ordinal),
        ViewPattern().Matches(call.Body).Select(v => Workloads.Shown(v.Groups[1].Value, v.Groups[2].Value)).ToHashSet(StringComparer.Ordinal));

    /// <summary>The first caseId any button of the card carries (cards are about one case).</summary>
    [System.Text.RegularExpressions.GeneratedRegex("\"caseId\"\\s*:\\s*\"([^\"]+)\"")]
    private static partial System.Text.RegularExpressions.Regex CaseIdPattern();

    [System.Text.RegularExpressions.GeneratedRegex(@"benchv\d{7}")]
    private static partial System.Text.RegularExpressions.Regex TokenPattern();

    /// <summary>An agency's fact on the partners' card: its name, then its view in words.</summary>
    [System.Text.RegularExpressions.GeneratedRegex("\"title\"\\s*:\\s*\"(Local authority|Police|NHS integrated care board)\"\\s*,\\s*\"value\"\\s*:\\s*\"(Meeting required|No meeting)")]
    private static partial System.Text.RegularExpressions.Regex ViewPattern();
}
