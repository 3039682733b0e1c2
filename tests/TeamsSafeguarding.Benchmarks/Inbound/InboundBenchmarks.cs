using System.Text;
using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Jobs;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Perfolizer.Mathematics.OutlierDetection;

namespace TeamsSafeguarding.Benchmarks.Inbound;

/// <summary>
/// POST /api/messages through the real bot (its Program, Development settings, in-memory TestServer) storing on a real
/// Azurite: parse, authenticate (local mode), de-duplicate, remember the conversation, route, write the reply to the
/// outbox. The outbox then delivers to <see cref="LocalConnector"/> in the background, as in production.
/// One request per iteration, outliers kept, so the percentiles are per-request latencies.
/// Allocations are the whole process's: the request, the bot, the Azure SDK and the background delivery.
/// </summary>
[Config(typeof(PerRequest))]
public class InboundBenchmarks
{
    private LocalAzurite? azurite;
    private LocalConnector? connector;
    private WebApplicationFactory<Program>? bot;
    private HttpClient? client;
    private PlaygroundPayloads? payloads;

    [GlobalSetup]
    public void Start()
    {
        azurite = LocalAzurite.Start();
        connector = LocalConnector.StartAsync().GetAwaiter().GetResult();
        bot = new BotFactory(new Dictionary<string, string?>
        {
            ["Storage:ConnectionString"] = azurite.ConnectionString,
            ["Storage:TableName"] = "Bench" + Guid.NewGuid().ToString("N"),
            ["Logging:LogLevel:Default"] = "Warning",
            ["Logging:LogLevel:TeamsSafeguarding"] = "Warning",
        });
        client = bot.CreateClient();
        payloads = PlaygroundPayloads.For(connector.ServiceUrl);

        // Prove the path works end to end before timing it: the help card must reach the connector,
        // and the help button must be answered with a card.
        HelpMessage().GetAwaiter().GetResult();
        var deadline = DateTime.UtcNow.AddSeconds(10);
        while (connector.CardsReceived == 0 && DateTime.UtcNow < deadline) Thread.Sleep(20);
        if (connector.CardsReceived == 0) throw new InvalidOperationException("The bot did not deliver the help card to the connector.");
        var answer = Post(payloads.HelpButtonInvoke()).GetAwaiter().GetResult();
        if (!answer.Contains("AdaptiveCard", StringComparison.Ordinal))
            throw new InvalidOperationException("The help button was not answered with a card.");
    }

    /// <summary>Someone types "help" in their personal chat with the bot.</summary>
    [Benchmark]
    public Task<string> HelpMessage() => Post(payloads!.HelpMessage());

    /// <summary>Someone clicks "Help" on a card: an invoke, which Teams gives 15 seconds.</summary>
    [Benchmark]
    public Task<string> HelpButtonInvoke() => Post(payloads!.HelpButtonInvoke());

    private async Task<string> Post(string activityJson)
    {
        using var content = new StringContent(activityJson, Encoding.UTF8, "application/json");
        using var response = await client!.PostAsync("/api/messages", content);
        var body = await response.Content.ReadAsStringAsync();
        // A benchmark of 401s or 500s would measure nothing useful.
        if (!response.IsSuccessStatusCode) throw new InvalidOperationException($"POST /api/messages answered {(int)response.StatusCode}.");
        return body;
    }

    [GlobalCleanup]
    public void Stop()
    {
        client?.Dispose();
        bot?.Dispose();
        connector?.DisposeAsync().AsTask().GetAwaiter().GetResult();
        azurite?.Dispose();
    }

    private sealed class BotFactory(IReadOnlyDictionary<string, string?> settings) : WebApplicationFactory<Program>
    {
        protected override void ConfigureWebHost(IWebHostBuilder builder)
        {
            // Development: unauthenticated local mode, as with the Agents Playground (appsettings.Development.json).
            builder.UseEnvironment("Development");
            // Explicit, so appsettings*.json are the bot's whatever directory BenchmarkDotNet runs from.
            builder.UseContentRoot(RepoRoot.Combine("bot"));
            foreach (var (key, value) in settings) builder.UseSetting(key, value);
        }
    }

    /// <summary>One request per iteration and no outlier removal, so p95 and max are real per-request figures.</summary>
    private sealed class PerRequest : ManualConfig
    {
        public PerRequest() => AddJob(Job.Default
            .WithInvocationCount(1).WithUnrollFactor(1)
            .WithWarmupCount(RunMode.Quick ? 10 : 30)
            .WithIterationCount(RunMode.Quick ? 100 : 500)
            .WithOutlierMode(OutlierMode.DontRemove)
            .AsMutator());
    }
}
