using System.Net.Http.Headers;
using System.Text;
using System.Text.Json.Nodes;
using Azure.Data.Tables;
using Microsoft.Extensions.DependencyInjection;
using TeamsSafeguarding.Cards.Referrals;
using TeamsSafeguarding.Escalation.Referrals;
using TeamsSafeguarding.Outbox;
using TeamsSafeguarding.Tests.EndToEnd;
using TeamsSafeguarding.Tests.Referrals;
using TeamsSafeguarding.Tests.Routing;
using TeamsSafeguarding.Tests.Support;

namespace TeamsSafeguarding.Tests.Endpoint;

/// <summary>
/// The real bot on Kestrel with its own Azurite table, answering to a local fake Connector: activities are
/// posted over HTTP with the fake's serviceUrl, so everything the bot sends lands in <see cref="Connector"/>.
/// </summary>
internal sealed class BotUnderTest : IAsyncDisposable
{
    private BotUnderTest(TestBotHost host, FakeConnector connector, LogCapture logs)
    {
        Host = host;
        Connector = connector;
        Logs = logs;
        Http = host.CreateClient();
    }

    public TestBotHost Host { get; }
    public FakeConnector Connector { get; }
    public LogCapture Logs { get; }
    public HttpClient Http { get; }
    public TableClient Table => Host.Services.GetRequiredService<TableClient>();

    public static async Task<BotUnderTest> StartAsync(AzuriteFixture azurite, IReadOnlyDictionary<string, string?>? settings = null,
        Action<IServiceCollection>? configureServices = null)
    {
        var connector = await FakeConnector.StartAsync();
        var logs = new LogCapture();
        var all = new Dictionary<string, string?>
        {
            // Sends go out at once (the commit wakes the dispatcher); a failed one waits long enough not to blur a test.
            ["Outbox:PollInterval"] = "00:00:00.200",
        };
        foreach (var (key, value) in settings ?? new Dictionary<string, string?>()) all[key] = value;
        var host = TestBotHost.Start(azurite, all, services =>
        {
            logs.AddTo(services);
            configureServices?.Invoke(services);
        });
        return new BotUnderTest(host, connector, logs);
    }

    /// <summary>
    /// The bot reaching Azurite through <paramref name="line"/> (a handler the test can cut or make fail), with no SDK
    /// retries so a failure shows at once.
    /// </summary>
    public static Task<BotUnderTest> StartBehindAsync(AzuriteFixture azurite, HttpMessageHandler line, string tableHint)
    {
        var tableName = azurite.NewTableName(tableHint);
        return StartAsync(azurite, new Dictionary<string, string?> { ["Storage:TableName"] = tableName },
            services => services.AddSingleton(new TableClient(azurite.ConnectionString, tableName, new TableClientOptions
            {
                Transport = new Azure.Core.Pipeline.HttpClientTransport(new HttpClient(line)),
                Retry = { MaxRetries = 0 },
            })));
    }

    /// <summary>A vendored Playground activity, pointed at the fake Connector, with a fresh id unless one is given.</summary>
    public JsonObject Fixture(string file, string? id = null)
    {
        var activity = PlaygroundFixtures.ActivityJson(file);
        activity["serviceUrl"] = Connector.ServiceUrl;
        activity["id"] = id ?? Guid.NewGuid().ToString();
        return activity;
    }

    /// <summary>"text" typed by the Playground's current user in their personal chat.</summary>
    public JsonObject PersonalMessage(string text, string? id = null)
    {
        var activity = Fixture("message-personal.json", id);
        activity["text"] = text;
        return activity;
    }

    /// <summary>An Action.Execute click in the personal chat, as the Playground sends it.</summary>
    public JsonObject Click(string verb, JsonObject? data = null, string? id = null)
    {
        var activity = Fixture("invoke-adaptiveCard-action.json", id);
        activity["value"] = new JsonObject
        {
            ["action"] = new JsonObject { ["type"] = "Action.Execute", ["title"] = "Go", ["verb"] = verb, ["data"] = data ?? new JsonObject() },
        };
        return activity;
    }

    /// <summary>
    /// The Playground user's referral, clicked through the real host: the route check, each section with
    /// <paramref name="answers"/>' values, then Submit. Returns the last answer (the confirmation, or a section card with
    /// errors when the answers do not pass) and the case id.
    /// </summary>
    public async Task<(JsonObject Answer, string CaseId)> ReferAsync(ReferralDraft answers)
    {
        var card = await InvokeAsync(Click(ReferralVerbs.Route, ReferralsHarness.RouteAnswers()));
        var caseId = ActionData(card, ReferralVerbs.Next)[ReferralVerbs.CaseIdKey]!.GetValue<string>();
        foreach (var section in ReferralForm.Sections)
        {
            var data = ActionData(card, ReferralVerbs.Next);
            if ((string?)data[ReferralVerbs.StepKey] != section.Id) return (card, caseId);
            foreach (var (id, value) in PlaygroundDriver.TypedFor(answers, section.Id, risk: 1)) data[id] = value;
            card = await InvokeAsync(Click(ReferralVerbs.Next, data));
        }
        return (await InvokeAsync(Click(ReferralVerbs.Submit, ActionData(card, ReferralVerbs.Submit))), caseId);
    }

    /// <summary>The data of the button with <paramref name="verb"/> on a card answer (a copy, to add inputs to).</summary>
    public static JsonObject ActionData(JsonObject answer, string verb) =>
        PlaygroundDriver.Walk(answer["value"]).Single(e => (string?)e["verb"] == verb)["data"]!.DeepClone().AsObject();

    /// <summary>The cards the bot sent to a channel (new threads, replies and updates in its threads), oldest first.</summary>
    public IReadOnlyList<JsonObject> ChannelCards(string channelId) =>
        [.. Connector.Calls
            .Where(c => c.Parameters?.ChannelData?.Channel?.Id == channelId
                || c.ConversationId is { } id && (id == channelId || id.StartsWith(channelId + ";", StringComparison.Ordinal)))
            .Select(c => c.Activity?.Attachments?.FirstOrDefault()?.Content).OfType<JsonObject>()];

    /// <summary>Every text on a card or answer, one per line (JSON text escapes characters such as apostrophes).</summary>
    public static string TextOf(JsonNode? node) =>
        string.Join("\n", PlaygroundDriver.Walk(node).SelectMany(o => o.Select(p => p.Value)).OfType<JsonValue>()
            .Select(v => v.TryGetValue<string>(out var s) ? s : null).OfType<string>());

    public Task<HttpResponseMessage> PostAsync(JsonNode activity) => PostAsync(activity.ToJsonString());

    public Task<HttpResponseMessage> PostAsync(string body) =>
        Http.PostAsync("api/messages", new StringContent(body, Encoding.UTF8, "application/json"));

    public async Task<JsonObject> InvokeAsync(JsonNode activity)
    {
        using var response = await PostAsync(activity);
        var text = await response.Content.ReadAsStringAsync();
        if ((int)response.StatusCode != 200) throw new InvalidOperationException($"Invoke answered {(int)response.StatusCode}: {text}");
        return JsonNode.Parse(text)!.AsObject();
    }

    /// <summary>Waits until the outbox has nothing left to send, so every message the bot queued has been sent (or failed).</summary>
    public async Task OutboxDrainedAsync(TimeSpan? timeout = null)
    {
        var until = DateTime.UtcNow + (timeout ?? TimeSpan.FromSeconds(60));
        while (true)
        {
            var pending = Table.Query<TableEntity>(
                e => e.RowKey.CompareTo(OutboxRow.Prefix) >= 0 && e.RowKey.CompareTo(OutboxRow.Prefix + "~") < 0).ToList();
            if (pending.Count == 0) return;
            if (DateTime.UtcNow > until) throw new TimeoutException($"{pending.Count} outbox message(s) still unsent.");
            await Task.Delay(50);
        }
    }

    /// <summary>Every row the activities stored: all but what the bot stores when it starts (the board's roles, the
    /// register's built marker, and the next deadline digest in the due index).</summary>
    public IReadOnlyList<TableEntity> Rows() =>
        Table.Query<TableEntity>(e => e.PartitionKey != TeamsSafeguarding.Board.BoardRolesStore.Partition
            && e.PartitionKey != TeamsSafeguarding.Register.RegisterIndex.Partition
            && e.PartitionKey != TeamsSafeguarding.Scheduling.DueIndex.PartitionOf(TeamsSafeguarding.Digest.DigestSweep.Kind)).ToList();

    public async ValueTask DisposeAsync()
    {
        Http.Dispose();
        await Host.DisposeAsync();
        await Connector.DisposeAsync();
    }

    /// <summary>A body sent with Transfer-Encoding: chunked (no Content-Length), in small pieces.</summary>
    public sealed class ChunkedContent(byte[] bytes) : HttpContent
    {
        public ChunkedContent(string text) : this(Encoding.UTF8.GetBytes(text)) =>
            Headers.ContentType = new MediaTypeHeaderValue("application/json");

        protected override async Task SerializeToStreamAsync(Stream stream, System.Net.TransportContext? context)
        {
            for (var at = 0; at < bytes.Length; at += 8192)
            {
                await stream.WriteAsync(bytes.AsMemory(at, Math.Min(8192, bytes.Length - at)));
                await stream.FlushAsync();
            }
        }

        protected override bool TryComputeLength(out long length)
        {
            length = 0;
            return false;
        }
    }
}
