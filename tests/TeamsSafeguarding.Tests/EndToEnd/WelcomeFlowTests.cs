using System.Text.Json.Nodes;
using TeamsSafeguarding.Tests.Support;
using Xunit;

namespace TeamsSafeguarding.Tests.EndToEnd;

/// <summary>
/// The real bot in the local Teams client: a user who installs the app in their personal chat is welcomed
/// with a card and can open "How an escalation works" from it.
/// </summary>
[Collection("Azurite")]
public sealed class WelcomeFlowTests(AzuriteFixture azurite) : IAsyncLifetime
{
    private static readonly TimeSpan Wait = TimeSpan.FromSeconds(60);

    private TestBotHost host = null!;
    private PlaygroundSession playground = null!;

    public async Task InitializeAsync()
    {
        host = TestBotHost.Start(azurite);
        playground = await PlaygroundSession.StartAsync(host.MessagesEndpoint);
    }

    public async Task DisposeAsync()
    {
        if (playground is not null) await playground.DisposeAsync();
        if (host is not null) await host.DisposeAsync();
    }

    [Fact]
    public async Task Installing_in_the_personal_chat_shows_a_welcome_card_that_explains_escalation()
    {
        var chat = playground.Config.PersonalChatId;

        await playground.InstallAsync(chat);

        var welcome = await playground.WaitForMessageAsync(
            m => m.ConversationId == chat && m.AdaptiveCards.Any() && m.AllText.Contains("Welcome"), Wait);
        Assert.NotNull(welcome.MessageId);

        var answer = await playground.InvokeAsync(chat, welcome.MessageId!, "welcome.howItWorks",
            new JsonObject { ["card"] = "welcome" });

        Assert.Equal(200, answer.HttpStatus);
        Assert.Equal("application/vnd.microsoft.card.adaptive", answer.Type);
        Assert.Contains("How an escalation works", answer.CardText);
    }
}
