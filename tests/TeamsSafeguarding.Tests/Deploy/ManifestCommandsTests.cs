using System.Text.Json.Nodes;
using Microsoft.Extensions.DependencyInjection;
using TeamsSafeguarding.Routing;
using TeamsSafeguarding.Tests.Support;
using Xunit;

namespace TeamsSafeguarding.Tests.Deploy;

/// <summary>
/// The commands Teams suggests (the manifest's command lists) are exactly the ones the bot answers: read from the
/// routes the running bot's features register, so a new command fails this test until it is in the manifest.
/// </summary>
[Collection("Azurite")]
public sealed class ManifestCommandsTests(AzuriteFixture azurite)
{
    [Fact]
    public async Task Every_command_the_bot_answers_is_in_the_manifest_and_every_listed_command_is_answered()
    {
        await using var host = TestBotHost.Start(azurite);
        var routes = new BotRoutes();
        foreach (var feature in host.Services.GetServices<IBotFeature>()) feature.Map(routes);
        var answered = routes.CommandPhrases.ToHashSet(StringComparer.Ordinal);
        var listed = TeamsAppManifest.CommandTitles(JsonNode.Parse(File.ReadAllText(TeamsAppManifest.SourcePath))!.AsObject());

        Assert.Contains("help", answered); // the routes were really read
        Assert.True(answered.Except(listed).ToList() is [],
            $"Answered by the bot but missing from infra/teams/manifest.json: {string.Join(", ", answered.Except(listed))}");
        Assert.True(listed.Except(answered).ToList() is [],
            $"In infra/teams/manifest.json but not answered by the bot: {string.Join(", ", listed.Except(answered))}");
    }
}
