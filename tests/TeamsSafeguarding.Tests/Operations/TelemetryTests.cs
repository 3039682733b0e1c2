using System.Diagnostics;
using System.Net;
using System.Text;
using System.Text.Json.Nodes;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using TeamsSafeguarding.Operations.Telemetry;
using TeamsSafeguarding.Tests.Endpoint;
using TeamsSafeguarding.Tests.Support;
using TeamsSafeguarding.Tests.Triage;
using Xunit;

namespace TeamsSafeguarding.Tests.Operations;

/// <summary>The bot's spans and metrics, exported through its real OpenTelemetry setup while it answers over HTTP.</summary>
[Collection("Azurite")]
public sealed class TelemetryTests(AzuriteFixture azurite) : IAsyncLifetime
{
    private readonly TelemetryCapture telemetry = new();
    private BotUnderTest bot = null!;

    public async Task InitializeAsync() => bot = await BotUnderTest.StartAsync(azurite, configureServices: telemetry.AddTo);

    public async Task DisposeAsync()
    {
        if (bot is not null) await bot.DisposeAsync();
        telemetry.Dispose();
    }

    [Fact]
    public async Task Each_activity_has_one_span_with_its_type_and_outcome_under_the_request()
    {
        var message = await PostTracedAsync(bot.PersonalMessage("help"));
        var card = await PostTracedAsync(bot.Click("no.such.verb"));
        var unknownInvoke = bot.Fixture("invoke-adaptiveCard-action.json");
        unknownInvoke["name"] = "composeExtension/query";
        var notSupported = await PostTracedAsync(unknownInvoke);

        var help = Assert.Single(BotSpans(message));
        Assert.Equal("bot message", help.DisplayName);
        Assert.Equal("message", help.GetTagItem("bot.activity.type"));
        Assert.Equal("ok", help.GetTagItem("bot.outcome"));
        Assert.Contains(telemetry.Spans, s => s.TraceId == message && s.Source.Name == "Microsoft.AspNetCore"); // the request's own span

        var click = Assert.Single(BotSpans(card));
        Assert.Equal("invoke", click.GetTagItem("bot.activity.type"));
        Assert.Equal("adaptiveCard/action", click.GetTagItem("bot.invoke.name"));
        Assert.Equal("400", click.GetTagItem("bot.outcome")); // the card error the person sees

        var other = Assert.Single(BotSpans(notSupported));
        Assert.Equal("other", other.GetTagItem("bot.invoke.name")); // names from the network are not recorded as sent
        Assert.Equal("400", other.GetTagItem("bot.outcome"));
        Assert.Contains(telemetry.Measurements(), m => m.Instrument == "safeguarding.invokes"
            && (string?)m.Tags["bot.outcome"] == "400" && (string?)m.Tags["bot.invoke.name"] == "other");
    }

    [Fact]
    public async Task Outbox_sends_have_spans_and_the_backlog_is_measured()
    {
        await bot.PostAsync(bot.PersonalMessage("help"));
        await bot.Connector.WaitForCallAsync(c => c.Operation == ConnectorOperation.SendToConversation, TimeSpan.FromSeconds(10));
        await bot.OutboxDrainedAsync();

        var send = await SpanAsync(s => s.DisplayName == "outbox send" && (string?)s.GetTagItem("outbox.outcome") == "sent");
        Assert.Equal("Conversation", send.GetTagItem("outbox.target_kind"));
        Assert.Equal(1, send.GetTagItem("outbox.attempt"));
        var measurements = telemetry.Measurements();
        Assert.Contains(measurements, m => m.Instrument == "safeguarding.outbox.backlog");
        Assert.Contains(measurements, m => m.Instrument == "safeguarding.outbox.oldest_age" && m.Value >= 0);
    }

    [Fact]
    public async Task A_send_that_fails_for_good_is_counted_with_its_reason()
    {
        bot.Connector.FailNext(1, 403, code: "ConversationBlockedByUser");

        await bot.PostAsync(bot.PersonalMessage("help"));

        var failed = await SpanAsync(s => s.DisplayName == "outbox send" && (string?)s.GetTagItem("outbox.outcome") == "failed");
        Assert.Equal("403 ConversationBlockedByUser", failed.GetTagItem("outbox.reason"));
        Assert.Equal(ActivityStatusCode.Error, failed.Status);
        Assert.Contains(telemetry.Measurements(), m => m.Instrument == "safeguarding.outbox.failed_sends"
            && (string?)m.Tags["outbox.reason"] == "403 ConversationBlockedByUser");
    }

    [Fact]
    public async Task Deadlines_the_sweep_acts_on_are_counted_by_action()
    {
        var board = new BoardHarness(azurite.NewTable("telemetrydeadlines"), profile: TeamsSafeguarding.Escalation.Process.ProcessProfile.Default with { EarlyDecision = false });
        var record = await board.SeedReceivedAsync();
        await board.ClickAsync(BoardHarness.Dbm, "triage.send", BoardHarness.AllChecks("Met", record.CaseId));
        foreach (var (member, choice) in new[] { ("la-1", "MeetingRequired"), ("police-1", "MeetingRequired"), ("icb-1", "NoMeeting") })
            await board.ClickAsync(member, "partners.view", new JsonObject { ["caseId"] = record.CaseId, ["choice"] = choice, ["rationale"] = "Reason" });

        board.Clock.SetUtcNow(new DateTimeOffset(2026, 3, 17, 0, 0, 0, TimeSpan.Zero)); // the end of working day 10
        Assert.Equal(1, (await board.Deadlines.SweepOnceAsync(default)).Decided);

        Assert.Contains(telemetry.Measurements(), m => m.Instrument == "safeguarding.deadlines.due"
            && (string?)m.Tags["deadline.action"] == "decided" && m.Value == 1);
    }

    [Fact]
    public void The_exporter_follows_the_configuration()
    {
        static TelemetryExporter For(params (string Key, string Value)[] settings) => TelemetrySetup.ExporterFor(
            new ConfigurationBuilder().AddInMemoryCollection(settings.ToDictionary(s => s.Key, s => (string?)s.Value)).Build());

        Assert.Equal(TelemetryExporter.None, For());
        Assert.Equal(TelemetryExporter.Console, For(("Telemetry:Console", "true")));
        Assert.Equal(TelemetryExporter.Otlp, For(("OTEL_EXPORTER_OTLP_ENDPOINT", "http://127.0.0.1:4317"), ("Telemetry:Console", "true")));
        Assert.Equal(TelemetryExporter.AzureMonitor, For(("APPLICATIONINSIGHTS_CONNECTION_STRING", "InstrumentationKey=x"),
            ("OTEL_EXPORTER_OTLP_ENDPOINT", "http://127.0.0.1:4317")));
    }

    [Fact]
    public void Application_Insights_is_sent_to_with_the_bots_managed_identity()
    {
        var services = new ServiceCollection();
        var credential = TeamsSafeguarding.Identity.AzureCredential.For("5b2f7e63-3c5e-4b8e-9a43-4f0c1d2e3a4b");
        services.AddSingleton(credential);
        services.AddTelemetry(new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["APPLICATIONINSIGHTS_CONNECTION_STRING"] = "InstrumentationKey=00000000-0000-0000-0000-000000000000;IngestionEndpoint=https://127.0.0.1:9/",
        }).Build());
        using var provider = services.BuildServiceProvider();

        var options = provider.GetRequiredService<Microsoft.Extensions.Options.IOptionsMonitor<Azure.Monitor.OpenTelemetry.AspNetCore.AzureMonitorOptions>>();

        Assert.Same(credential, options.Get(Microsoft.Extensions.Options.Options.DefaultName).Credential);
    }

    /// <summary>Posts inside a trace of its own (HttpClient sends it as traceparent), so this request's spans can be told apart.</summary>
    private async Task<ActivityTraceId> PostTracedAsync(JsonObject activity)
    {
        var trace = ActivityTraceId.CreateRandom();
        using var parent = new Activity("test request")
            .SetParentId(trace, ActivitySpanId.CreateRandom(), ActivityTraceFlags.Recorded).Start();
        using var response = await bot.Http.PostAsync("api/messages",
            new StringContent(activity.ToJsonString(), Encoding.UTF8, "application/json"));
        Assert.True(response.StatusCode is HttpStatusCode.OK or HttpStatusCode.BadRequest, $"answered {(int)response.StatusCode}");
        return trace;
    }

    private IEnumerable<Activity> BotSpans(ActivityTraceId trace) =>
        telemetry.Spans.Where(s => s.TraceId == trace && s.Source.Name == BotTelemetry.Name);

    /// <summary>Waits (generously, ending early) for a span the background outbox ends.</summary>
    private async Task<Activity> SpanAsync(Func<Activity, bool> match)
    {
        var until = DateTime.UtcNow + TimeSpan.FromSeconds(15);
        while (true)
        {
            if (telemetry.Spans.FirstOrDefault(match) is { } span) return span;
            if (DateTime.UtcNow > until)
                throw new TimeoutException("No such span; seen: " + string.Join(", ", telemetry.Spans.Select(s => s.DisplayName)));
            await Task.Delay(50);
        }
    }
}
