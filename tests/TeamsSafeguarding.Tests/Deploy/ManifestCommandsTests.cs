using System.Text.Json.Nodes;
using Microsoft.Extensions.DependencyInjection;
using TeamsSafeguarding.Cards.Onboarding;
using TeamsSafeguarding.Routing;
using TeamsSafeguarding.Tests.Support;
using Xunit;

namespace TeamsSafeguarding.Tests.Deploy;

/// <summary>
/// The commands Teams suggests (the manifest's command lists) are exactly the ones the bot answers: read from the
/// routes the running bot's features register, so a new command fails this test until it is in the manifest and on
/// the help card.
/// </summary>
[Collection("Azurite")]
public sealed class ManifestCommandsTests(AzuriteFixture azurite)
{
    [Fact]
    public async Task Every_command_the_bot_answers_is_in_the_manifest_and_every_listed_command_is_answered()
    {
        var answered = await CommandsTheBotAnswersAsync();
        var listed = TeamsAppManifest.CommandTitles(JsonNode.Parse(File.ReadAllText(TeamsAppManifest.SourcePath))!.AsObject());

        Assert.Contains("help", answered); // the routes were really read
        Assert.True(answered.Except(listed).ToList() is [],
            $"Answered by the bot but missing from infra/teams/manifest.json: {string.Join(", ", answered.Except(listed))}");
        Assert.True(listed.Except(answered).ToList() is [],
            $"In infra/teams/manifest.json but not answered by the bot: {string.Join(", ", listed.Except(answered))}");
    }

    [Fact]
    public async Task Every_command_the_bot_answers_is_on_the_help_card_in_a_channel()
    {
        var answered = await CommandsTheBotAnswersAsync();
        // A fact's title names one or more commands ("refer or new referral", "log SAB-2026-0007").
        var titles = HelpCard.Build(new HelpCardInput(ConversationPlace.Channel)).ToJson()["body"]!.AsArray()
            .SelectMany(e => e!["facts"]?.AsArray() ?? []).Select(f => (string)f!["title"]!).ToList();
        var named = titles.SelectMany(t => t.Split(" or ")).Select(c => c.Replace(" SAB-2026-0007", "")).ToHashSet(StringComparer.Ordinal);

        var missing = answered.Where(c => !named.Contains(c)).ToList();
        Assert.Contains("help", named);
        Assert.True(missing is [], $"Answered by the bot but not on the help card: {string.Join(", ", missing)}");
    }

    /// <summary>The commands the running bot's features register (its real routes).</summary>
    private async Task<HashSet<string>> CommandsTheBotAnswersAsync()
    {
        await using var host = TestBotHost.Start(azurite);
        var routes = new BotRoutes();
        foreach (var feature in host.Services.GetServices<IBotFeature>()) feature.Map(routes);
        return routes.CommandPhrases.ToHashSet(StringComparer.Ordinal);
    }
}
