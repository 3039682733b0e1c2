using Microsoft.Extensions.DependencyInjection;
using TeamsSafeguarding.Teams;
using TeamsSafeguarding.Tests.Support;
using Xunit;

namespace TeamsSafeguarding.Tests.EndToEnd;

/// <summary>
/// The local Teams client (Agents Playground) and the real app wired together over HTTP: what it sends
/// reaches /api/messages through authentication, de-duplication on Azurite and the bot, and what the bot
/// posts to the connector shows up in the Playground. The bot itself is a recording stand-in here.
/// </summary>
[Collection("Azurite")]
public sealed class PlaygroundReachesBotTests(AzuriteFixture azurite) : IAsyncLifetime
{
    private static readonly TimeSpan Wait = TimeSpan.FromSeconds(60);

    private readonly RecordingBot bot = new();
    private TestBotHost host = null!;
    private PlaygroundSession playground = null!;

    public async Task InitializeAsync()
    {
        host = TestBotHost.Start(azurite, configureServices: services => services.AddSingleton<IBot>(bot));
        playground = await PlaygroundSession.StartAsync(host.MessagesEndpoint);
    }

    public async Task DisposeAsync()
    {
        if (playground is not null) await playground.DisposeAsync();
        if (host is not null) await host.DisposeAsync();
    }

    [Fact]
    public async Task Installing_in_the_personal_chat_reaches_the_bot_and_is_answered_200()
    {
        var chat = playground.Config.PersonalChatId;

        await playground.InstallAsync(chat);

        var logged = await playground.WaitForLogAsync(
            e => e.ActivityName == "installationUpdate" && e.ConversationId == chat && e.StatusCode is not null, Wait);
        Assert.Equal(200, logged.StatusCode);
        var install = Assert.Single(bot.Received, a => a.Type == ActivityTypes.InstallationUpdate);
        Assert.Equal("add", install.Action);
        Assert.Equal(chat, install.Conversation?.Id);
        Assert.Equal(TestBotHost.MockTenantId, install.TenantId);
        Assert.Equal(playground.Config.CurrentUserId, install.From?.Id);
    }

    [Fact]
    public async Task A_personal_message_reaches_the_bot_and_its_connector_reply_is_shown()
    {
        var chat = playground.Config.PersonalChatId;

        await playground.SendMessageAsync(chat, "hello");

        var shown = await playground.WaitForMessageAsync(
            m => m.ConversationId == chat && m.Text?.StartsWith(RecordingBot.ReplyPrefix) == true, Wait);
        var message = Assert.Single(bot.Received, a => a.Type == ActivityTypes.Message);
        Assert.Equal("hello", message.Text);
        Assert.Equal(RecordingBot.ReplyPrefix + message.Id, shown.Text);
        Assert.Equal("createMessage", shown.Action);
        var logged = await playground.WaitForLogAsync(
            e => e.ActivityName == "message" && e.ConversationId == chat && e.StatusCode is not null, Wait);
        Assert.Equal(200, logged.StatusCode);
    }

    [Fact]
    public async Task A_channel_message_reaches_the_bot_only_when_it_is_mentioned()
    {
        var channel = playground.Config.OtherChannelId;

        await playground.SendMessageAsync(channel, "not for the bot");
        await playground.SendMessageAsync(channel, "for the bot", mentionBot: true);

        await playground.WaitForLogAsync(e => e.ActivityName == "message" && e.StatusCode == 200, Wait);
        var message = Assert.Single(bot.Received, a => a.Type == ActivityTypes.Message);
        Assert.StartsWith(channel + ";messageid=", message.Conversation?.Id);
        Assert.Contains("for the bot", message.Text);
        Assert.DoesNotContain("not for the bot", message.Text);
    }

    [Fact]
    public async Task A_card_click_reaches_the_bot_as_an_invoke_and_its_card_answer_comes_back()
    {
        var chat = playground.Config.PersonalChatId;
        await playground.InstallAsync(chat);
        var card = await playground.WaitForMessageAsync(
            m => m.ConversationId == chat && m.AllText.Contains(RecordingBot.InstalledCardText), Wait);

        var answer = await playground.InvokeAsync(chat, card.MessageId!, "test.try",
            new System.Text.Json.Nodes.JsonObject { ["card"] = "installed" }, fromUserId: playground.Config.CurrentUserId);

        Assert.Single(card.AdaptiveCards);
        Assert.Equal(200, answer.HttpStatus);
        Assert.Equal(ContentTypes.AdaptiveCard, answer.Type);
        Assert.Equal($"{RecordingBot.ClickedCardText}test.try {{\"card\":\"installed\"}} by user-id-0", answer.CardText);
        var invoke = Assert.Single(bot.Received, a => a.Type == ActivityTypes.Invoke);
        Assert.Equal(card.MessageId, invoke.ReplyToId);
    }
}
