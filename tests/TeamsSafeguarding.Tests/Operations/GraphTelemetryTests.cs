using Microsoft.Extensions.DependencyInjection;
using TeamsSafeguarding.Meetings.Calendar;
using TeamsSafeguarding.Tests.Endpoint;
using TeamsSafeguarding.Tests.Meetings;
using TeamsSafeguarding.Tests.Support;
using Xunit;

namespace TeamsSafeguarding.Tests.Operations;

/// <summary>Calls to Graph are traced like any HttpClient call, but the organiser's address in their path is not kept.</summary>
[Collection("Azurite")]
public sealed class GraphTelemetryTests(AzuriteFixture azurite) : IAsyncLifetime
{
    private const string Organiser = "olive.organiser@police.example";
    private readonly TelemetryCapture telemetry = new();
    private FakeGraph graph = null!;
    private BotUnderTest bot = null!;

    public async Task InitializeAsync()
    {
        graph = await FakeGraph.StartAsync();
        graph.Calendars[Organiser] = [];
        bot = await BotUnderTest.StartAsync(azurite, new Dictionary<string, string?> { ["Graph:Enabled"] = "true", ["Graph:BaseUrl"] = graph.BaseUrl },
            telemetry.AddTo);
    }

    public async Task DisposeAsync()
    {
        if (bot is not null) await bot.DisposeAsync();
        await graph.DisposeAsync();
        telemetry.Dispose();
    }

    [Fact]
    public async Task A_Graph_calls_span_names_the_mailbox_as_a_placeholder()
    {
        var start = new DateTimeOffset(2026, 3, 10, 9, 0, 0, TimeSpan.Zero);
        await bot.Host.Services.GetRequiredService<GraphCalendar>().FreeBusyAsync(Organiser, [Organiser], start, start.AddHours(8), default);

        var span = Assert.Single(telemetry.Spans, s => (s.GetTagItem("url.full") as string)?.Contains("/calendar/getSchedule") == true);
        Assert.Equal($"{new Uri(graph.BaseUrl).GetLeftPart(UriPartial.Authority)}/v1.0/users/{{mailbox}}/calendar/getSchedule", span.GetTagItem("url.full"));
        // The bot's own spans (the fake Graph runs in this process too: its server spans are not the bot's).
        Assert.DoesNotContain(telemetry.Spans.Where(s => s.Kind != System.Diagnostics.ActivityKind.Server), s => s.TagObjects.Any(t => t.Value?.ToString()?.Contains("olive", StringComparison.OrdinalIgnoreCase) == true)
            || s.DisplayName.Contains("olive", StringComparison.OrdinalIgnoreCase));
    }
}
