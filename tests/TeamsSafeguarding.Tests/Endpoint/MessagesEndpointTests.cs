using System.Net;
using System.Text;
using System.Text.Json.Nodes;
using Microsoft.Extensions.Logging;
using TeamsSafeguarding.Cards.Referrals;
using TeamsSafeguarding.Outbox;
using TeamsSafeguarding.Teams;
using TeamsSafeguarding.Tests.Referrals;
using TeamsSafeguarding.Tests.Routing;
using TeamsSafeguarding.Tests.Support;
using Xunit;

namespace TeamsSafeguarding.Tests.Endpoint;

/// <summary>POST /api/messages on the real host over HTTP: what it answers to bad, odd, repeated and every real kind of input.</summary>
[Collection("Azurite")]
public sealed class MessagesEndpointTests(AzuriteFixture azurite) : IAsyncLifetime
{
    private static readonly TimeSpan Wait = TimeSpan.FromSeconds(60);
    private BotUnderTest bot = null!;

    public async Task InitializeAsync() => bot = await BotUnderTest.StartAsync(azurite);

    public async Task DisposeAsync()
    {
        if (bot is not null) await bot.DisposeAsync();
    }

    public static TheoryData<string> NotActivities => new()
    {
        "{not json",
        "{\"type\":\"message\",\"text\":\"unterminated",
        "[1,2,3]",
        "{\"type\":5}",
        "{\"type\":\"message\",\"conversation\":\"should be an object\"}",
        "",
        "null",
        "{}",
        "{\"type\":\"\"}",
    };

    [Theory]
    [MemberData(nameof(NotActivities))]
    public async Task A_body_that_is_not_an_activity_is_400_and_says_nothing_about_the_code(string body)
    {
        using var response = await bot.PostAsync(body);
        var text = await response.Content.ReadAsStringAsync();

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        AssertNoInternals(text);
        Assert.Empty(bot.Connector.Calls);
        Assert.Empty(bot.Rows());
    }

    [Fact]
    public async Task Bytes_that_are_not_utf8_are_400_too()
    {
        using var content = new ByteArrayContent([0x7B, 0x22, 0x74, 0xFF, 0xFE, 0x22, 0x3A, 0x22, 0xC3, 0x28, 0x22, 0x7D]);
        content.Headers.ContentType = new("application/json");
        using var response = await bot.Http.PostAsync("api/messages", content);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        AssertNoInternals(await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task An_oversized_body_with_a_content_length_is_413_and_not_processed()
    {
        var huge = bot.PersonalMessage("help " + new string('x', 300 * 1024)).ToJsonString();
        using var content = new ByteArrayContent(Encoding.UTF8.GetBytes(huge));
        content.Headers.ContentType = new("application/json");

        using var response = await bot.Http.PostAsync("api/messages", content);

        Assert.NotNull(content.Headers.ContentLength);
        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, response.StatusCode);
        AssertNoInternals(await response.Content.ReadAsStringAsync());
        Assert.Empty(bot.Rows());
        await AssertStillAnswersAsync();
    }

    [Fact]
    public async Task An_oversized_chunked_body_without_a_content_length_is_413_and_not_processed()
    {
        var huge = bot.PersonalMessage("help " + new string('x', 300 * 1024)).ToJsonString();
        using var request = new HttpRequestMessage(HttpMethod.Post, "api/messages") { Content = new BotUnderTest.ChunkedContent(huge) };

        using var response = await bot.Http.SendAsync(request);

        Assert.True(request.Headers.TransferEncodingChunked == true || request.Content.Headers.ContentLength is null);
        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, response.StatusCode);
        AssertNoInternals(await response.Content.ReadAsStringAsync());
        Assert.Empty(bot.Rows());
        await AssertStillAnswersAsync();
    }

    [Fact]
    public async Task A_chunked_body_within_the_limit_is_processed()
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, "api/messages")
        {
            Content = new BotUnderTest.ChunkedContent(bot.PersonalMessage("help").ToJsonString()),
        };

        using var response = await bot.Http.SendAsync(request);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        await bot.Connector.WaitForCallAsync(c => c.Operation == ConnectorOperation.SendToConversation, Wait);
    }

    [Fact]
    public async Task An_unknown_activity_type_is_acknowledged_and_ignored()
    {
        var activity = bot.PersonalMessage("help");
        activity["type"] = "somethingTeamsInventsLater";

        using var response = await bot.PostAsync(activity);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("", await response.Content.ReadAsStringAsync());
        await bot.OutboxDrainedAsync();
        Assert.Empty(bot.Connector.Calls);
        // Only the redelivery guard and where the conversation lives (kept from every activity) are stored.
        var partitions = bot.Rows().Select(r => r.PartitionKey.Split('|')[0]).Distinct().Order();
        Assert.Subset(new HashSet<string> { "conv", "dedupe", "tenants" }, partitions.ToHashSet());
        Assert.DoesNotContain(bot.Logs.Entries, e => e.Level >= LogLevel.Error);
    }

    [Fact]
    public async Task The_same_message_delivered_twice_is_answered_once()
    {
        var help = bot.PersonalMessage("help");

        using var first = await bot.PostAsync(help);
        using var again = await bot.PostAsync(help);

        Assert.Equal(HttpStatusCode.OK, first.StatusCode);
        Assert.Equal(HttpStatusCode.OK, again.StatusCode);
        await AssertOneHelpCardAsync();
    }

    [Fact]
    public async Task The_same_message_delivered_several_times_at_once_is_answered_once()
    {
        var help = bot.PersonalMessage("help").ToJsonString();

        var responses = await Task.WhenAll(Enumerable.Range(0, 6).Select(_ => bot.PostAsync(help)));

        Assert.All(responses, r => Assert.Equal(HttpStatusCode.OK, r.StatusCode));
        foreach (var r in responses) r.Dispose();
        await AssertOneHelpCardAsync();
    }

    [Fact]
    public async Task The_same_message_id_in_another_conversation_is_a_different_message()
    {
        var id = Guid.NewGuid().ToString();
        var inChat = bot.PersonalMessage("help", id);
        var inChannel = bot.Fixture("message-channel-mention.json", id);
        inChannel["text"] = "<at>Test Bot</at> help";

        (await bot.PostAsync(inChat)).Dispose();
        (await bot.PostAsync(inChannel)).Dispose();

        await bot.OutboxDrainedAsync();
        Assert.Equal(2, bot.Connector.Calls.Count(c => c.Status < 300));
    }

    [Fact]
    public async Task A_redelivered_click_gets_the_first_answer_and_is_not_run_again()
    {
        // Answering the route check creates a draft with a new case id each time it runs.
        var click = bot.Click(ReferralVerbs.Route, ReferralsHarness.RouteAnswers());

        var first = await bot.InvokeAsync(click);
        var again = await bot.InvokeAsync(click);

        Assert.Equal(InvokeResponse.CardType, first["type"]?.GetValue<string>());
        Assert.Equal(first.ToJsonString(), again.ToJsonString());
        Assert.Single(bot.Rows(), r => r.PartitionKey.StartsWith("case|") && r.RowKey == TeamsSafeguarding.Cases.CaseRow.Row);
    }

    [Fact]
    public async Task A_click_delivered_several_times_at_once_runs_once()
    {
        var click = bot.Click(ReferralVerbs.Route, ReferralsHarness.RouteAnswers()).ToJsonString();

        var responses = await Task.WhenAll(Enumerable.Range(0, 5).Select(_ => bot.PostAsync(click)));

        Assert.All(responses, r => Assert.Equal(HttpStatusCode.OK, r.StatusCode));
        foreach (var r in responses) r.Dispose();
        Assert.Single(bot.Rows(), r => r.PartitionKey.StartsWith("case|") && r.RowKey == TeamsSafeguarding.Cases.CaseRow.Row);
    }

    [Fact]
    public async Task An_invoke_nobody_handles_is_a_400_with_the_reason_never_a_5xx()
    {
        var invoke = bot.Fixture("invoke-adaptiveCard-action.json");
        invoke["name"] = "composeExtension/query";

        using var response = await bot.PostAsync(invoke);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("NotSupported", await response.Content.ReadAsStringAsync());
        Assert.Empty(bot.Connector.Calls);
    }

    [Theory]
    [InlineData("task/fetch")]
    [InlineData("task/submit")]
    public async Task A_dialog_invoke_is_answered_synchronously_with_a_dialog_message(string name)
    {
        // Every flow works in cards (the Playground has no dialogs), so an old dialog button gets a message, not an error.
        var invoke = bot.Fixture("invoke-adaptiveCard-action.json");
        invoke["name"] = name;
        invoke["value"] = new JsonObject { ["data"] = new JsonObject { ["verb"] = "old" } };

        using var response = await bot.PostAsync(invoke);
        var body = JsonNode.Parse(await response.Content.ReadAsStringAsync())!;

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("message", (string?)body["task"]?["type"]);
        Assert.Contains("card", (string?)body["task"]?["value"]);
        Assert.Empty(bot.Connector.Calls);
    }

    [Fact]
    public async Task Get_on_the_messaging_endpoint_is_405()
    {
        using var response = await bot.Http.GetAsync("api/messages");

        Assert.Equal(HttpStatusCode.MethodNotAllowed, response.StatusCode);
        AssertNoInternals(await response.Content.ReadAsStringAsync());
    }

    /// <summary>Every real Playground payload, plus the two kinds it cannot produce (messageReaction, event) built from the protocol doc.</summary>
    [Fact]
    public async Task Every_kind_of_activity_Teams_sends_is_accepted_without_error()
    {
        var activities = PlaygroundActivities().Append((Name: "messageReaction (synthesized)", Activity: MessageReaction()))
            .Append((Name: "event (synthesized)", Activity: MeetingStartEvent())).ToList();
        var answered = new List<string>();

        foreach (var (name, activity) in activities)
        {
            using var response = await bot.PostAsync(activity);
            answered.Add($"{name}: {(int)response.StatusCode}");
        }

        Assert.Contains(activities, a => a.Activity["type"]!.GetValue<string>() == "invoke");
        Assert.All(answered, a => Assert.EndsWith(": 200", a));
        foreach (var type in new[] { "message", "conversationUpdate", "installationUpdate", "invoke", "messageReaction", "event" })
            Assert.Contains(activities, a => a.Activity["type"]!.GetValue<string>() == type);
        await bot.OutboxDrainedAsync();
        Assert.DoesNotContain(bot.Logs.Entries, e => e.Level >= LogLevel.Warning && e.Category.StartsWith("TeamsSafeguarding"));
        Assert.DoesNotContain(bot.Rows(), r => r.RowKey.StartsWith(OutboxRow.FailedPrefix));
    }

    private IEnumerable<(string Name, JsonObject Activity)> PlaygroundActivities()
    {
        foreach (var path in Directory.GetFiles(Path.GetDirectoryName(PlaygroundFixtures.Path("index.json"))!, "*.json").Order())
        {
            var file = Path.GetFileName(path);
            if (JsonNode.Parse(File.ReadAllText(path))?["activity"]?["type"] is null) continue;
            yield return (file, bot.Fixture(file));
        }
    }

    private JsonObject MessageReaction()
    {
        var reaction = bot.Fixture("message-personal.json");
        reaction["type"] = "messageReaction";
        reaction.Remove("text");
        reaction["replyToId"] = "1795421919082";
        reaction["reactionsAdded"] = new JsonArray(new JsonObject { ["type"] = "like" });
        return reaction;
    }

    private JsonObject MeetingStartEvent()
    {
        var meeting = bot.Fixture("message-groupchat-mention.json");
        meeting["type"] = "event";
        meeting.Remove("text");
        meeting.Remove("entities");
        meeting["name"] = "application/vnd.microsoft.meetingStart";
        meeting["value"] = new JsonObject { ["Id"] = "meeting-1", ["StartTime"] = "2026-11-23T09:00:00Z" };
        return meeting;
    }

    private async Task AssertOneHelpCardAsync()
    {
        await bot.Connector.WaitForCallAsync(c => c.Operation == ConnectorOperation.SendToConversation, Wait);
        await bot.OutboxDrainedAsync();
        var sent = Assert.Single(bot.Connector.Calls);
        Assert.Contains("help", sent.Body!.ToJsonString(), StringComparison.OrdinalIgnoreCase);
        Assert.Equal(ContentTypes.AdaptiveCard, sent.Activity!.Attachments![0].ContentType);
    }

    private async Task AssertStillAnswersAsync()
    {
        using var ok = await bot.PostAsync(bot.PersonalMessage("help"));
        Assert.Equal(HttpStatusCode.OK, ok.StatusCode);
    }

    internal static void AssertNoInternals(string body)
    {
        foreach (var telltale in new[] { "Exception", " at ", "TeamsSafeguarding.", "System.", "Microsoft.", ".cs:line", "stack" })
            Assert.DoesNotContain(telltale, body, StringComparison.OrdinalIgnoreCase);
    }
}
