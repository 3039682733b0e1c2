using System.Collections.Concurrent;
using System.Diagnostics;
using System.Text;
using System.Text.Json.Nodes;
using Azure.Core.Pipeline;
using Azure.Data.Tables;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using TeamsSafeguarding.Teams;
using TeamsSafeguarding.Tests.Routing;
using TeamsSafeguarding.Tests.Support;
using Xunit;
using Xunit.Abstractions;

namespace TeamsSafeguarding.Tests.Endpoint;

/// <summary>
/// Issue #9's fuzz test: thousands of activities generated from every real Playground payload (<see cref="ActivityFuzzer"/>,
/// fixed seed) posted to the real host. None may get a 5xx or make the bot log an error, and one that is refused
/// (400, 401, 403, 413, or a card action the endpoint could not read) may not have stored anything at all; the one
/// 400 that may have stored the conversation's reference is a well-formed invoke whose name the bot does not handle.
/// </summary>
[Collection("Azurite")]
public sealed class ActivityFuzzTests(AzuriteFixture azurite, ITestOutputHelper output) : IAsyncLifetime
{
    /// <summary>Change it to explore; a failure names the seed and the case number, so it reproduces.</summary>
    private const int Seed = 20260930;
    private const int Cases = 2_400;
    private const string CaseHeader = "x-fuzz-case";

    private readonly WritesByRequest writes = new();
    private BotUnderTest bot = null!;

    public async Task InitializeAsync()
    {
        var tableName = azurite.NewTableName("fuzz");
        bot = await BotUnderTest.StartAsync(azurite, new Dictionary<string, string?> { ["Storage:TableName"] = tableName }, services =>
        {
            services.AddSingleton(new TableClient(azurite.ConnectionString, tableName,
                new TableClientOptions { Transport = new HttpClientTransport(new HttpClient(writes)) }));
            services.AddSingleton<IStartupFilter>(new TagEachRequest());
        });
    }

    public async Task DisposeAsync()
    {
        if (bot is not null) await bot.DisposeAsync();
    }

    [Fact]
    public async Task Thousands_of_hostile_activities_never_get_a_5xx_and_refused_ones_store_nothing()
    {
        var sources = Directory.GetFiles(Path.GetDirectoryName(PlaygroundFixtures.Path("index.json"))!, "*.json").Order()
            .Select(Path.GetFileName).OfType<string>()
            .Where(f => JsonNode.Parse(File.ReadAllText(PlaygroundFixtures.Path(f)))?["activity"]?["type"] is not null)
            .ToList();
        var fuzzer = new ActivityFuzzer(Seed);
        var cases = Enumerable.Range(0, Cases).Select(i => fuzzer.Next(i, sources[i % sources.Count], bot.Fixture(sources[i % sources.Count]))).ToList();
        var failures = new ConcurrentQueue<string>();
        var acceptedAndStored = 0;
        var statuses = new ConcurrentDictionary<int, int>();
        var timer = Stopwatch.StartNew();

        await Parallel.ForEachAsync(cases, new ParallelOptions { MaxDegreeOfParallelism = 4 }, async (fuzz, ct) =>
        {
            using var request = new HttpRequestMessage(HttpMethod.Post, "api/messages")
            {
                Content = new StringContent(fuzz.Body, Encoding.UTF8, "application/json"),
            };
            request.Headers.Add(CaseHeader, fuzz.Number.ToString());
            using var response = await bot.Http.SendAsync(request, ct);
            var status = (int)response.StatusCode;
            statuses.AddOrUpdate(status, 1, (_, n) => n + 1);
            // An invoke the bot has no handler for (a mutated name) is read and answered "not supported": not a refusal.
            if (status == 400 && IsInvokeWithAName(fuzz.Body) && await IsNotSupportedAsync(response)) return;
            var refused = status is 400 or 401 or 403 or 413 || (status == 200 && await IsUnreadableCardActionAsync(response));
            if (status >= 500 || status == 422)
                failures.Enqueue($"case {fuzz.Number} ({fuzz.Source}: {fuzz.Mutations}) answered {status}");
            else if (refused && writes.By(fuzz.Number) > 0)
                failures.Enqueue($"case {fuzz.Number} ({fuzz.Source}: {fuzz.Mutations}) was refused ({status}) but stored {writes.By(fuzz.Number)} row(s)");
            else if (!refused && writes.By(fuzz.Number) > 0)
                Interlocked.Increment(ref acceptedAndStored);
        });

        output.WriteLine($"{Cases} activities (seed {Seed}) in {timer.Elapsed.TotalSeconds:0.0} s; answers: " +
                         string.Join(", ", statuses.OrderBy(s => s.Key).Select(s => $"{s.Key} x{s.Value}")));
        Assert.True(failures.IsEmpty, $"Seed {Seed}: {failures.Count} failure(s):\n" + string.Join("\n", failures.Take(20)));
        // Handling never failed. (The outbox may fail to deliver to a conversation a mutated activity made up: that is
        // the Connector's answer, recorded as it should be, not the bot failing.)
        var errors = bot.Logs.Entries.Where(e => e.Level >= LogLevel.Error && e.Category.StartsWith("TeamsSafeguarding", StringComparison.Ordinal)
            && e.Category != typeof(TeamsSafeguarding.Outbox.OutboxDispatcher).FullName).ToList();
        Assert.True(errors.Count == 0, $"Seed {Seed}: the bot logged {errors.Count} error(s):\n" + string.Join("\n", errors.Take(20)));
        // Both kinds were generated: plenty refused, and plenty the bot took in and handled.
        Assert.True(statuses.GetValueOrDefault(400) > Cases / 10, "too few refused");
        Assert.True(statuses.GetValueOrDefault(200) > Cases / 10, "too few accepted");
        // The per-request write count works: accepted activities are seen storing (their redelivery guard, at least).
        Assert.True(acceptedAndStored > Cases / 20, $"only {acceptedAndStored} accepted activities were seen storing anything");
    }

    private static bool IsInvokeWithAName(string body)
    {
        try
        {
            return JsonNode.Parse(body) is JsonObject activity
                && activity["type"] is JsonValue type && type.TryGetValue<string>(out var kind) && kind == ActivityTypes.Invoke
                && activity["name"] is JsonValue name && name.TryGetValue<string>(out var text) && text.Length > 0;
        }
        catch (Exception e) when (e is System.Text.Json.JsonException or InvalidOperationException)
        {
            return false; // nested deeper than a parser takes: not a well-formed invoke
        }
    }

    private static async Task<bool> IsNotSupportedAsync(HttpResponseMessage response) =>
        (string?)JsonNode.Parse(await response.Content.ReadAsStringAsync())?["code"] == "NotSupported";

    private static async Task<bool> IsUnreadableCardActionAsync(HttpResponseMessage response)
    {
        var text = await response.Content.ReadAsStringAsync();
        if (text.Length == 0) return false;
        var answer = JsonNode.Parse(text);
        return (string?)answer?["type"] == InvokeResponse.ErrorType && (string?)answer?["value"]?["message"] == "This button could not be read. Type help to start again.";
    }

    /// <summary>Puts the fuzz case number of the request being handled where the storage line can see it.</summary>
    private sealed class TagEachRequest : IStartupFilter
    {
        public Action<IApplicationBuilder> Configure(Action<IApplicationBuilder> next) => app =>
        {
            app.Use(async (context, handler) =>
            {
                WritesByRequest.Current.Value = int.TryParse(context.Request.Headers[CaseHeader], out var n) ? n : null;
                await handler(context);
            });
            next(app);
        };
    }

    /// <summary>Counts the writes (anything but a read) each request makes, by the case number its handling carries.</summary>
    private sealed class WritesByRequest() : DelegatingHandler(new SocketsHttpHandler())
    {
        // Flows with the request's own async work; background work (the outbox, the sweeps) carries none.
        public static readonly AsyncLocal<int?> Current = new();
        private readonly ConcurrentDictionary<int, int> counts = new();

        public int By(int number) => counts.GetValueOrDefault(number);

        protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken ct)
        {
            if (request.Method != HttpMethod.Get && request.Method != HttpMethod.Head && Current.Value is { } number)
                counts.AddOrUpdate(number, 1, (_, n) => n + 1);
            return base.SendAsync(request, ct);
        }
    }
}
