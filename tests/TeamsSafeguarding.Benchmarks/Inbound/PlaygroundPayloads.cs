using System.Text.Json.Nodes;

namespace TeamsSafeguarding.Benchmarks.Inbound;

/// <summary>
/// Real activities captured from the Agents Playground (tests/TeamsSafeguarding.Tests/Fixtures/playground), changed only
/// where the benchmark must: the text or verb, the serviceUrl (our local connector) and a fresh activity id per request,
/// since the bot rightly ignores a redelivered activity.
/// </summary>
public sealed class PlaygroundPayloads(string messageTemplate, string invokeTemplate)
{
    private const string IdToken = "@@activity-id@@";

    public static PlaygroundPayloads For(string serviceUrl)
    {
        var message = Activity("message-personal.json");
        message["text"] = "help";
        message["serviceUrl"] = serviceUrl;
        message["id"] = IdToken;

        // Clicking "Help" on the welcome card: an adaptiveCard/action invoke, answered with a card within Teams' deadline.
        var invoke = Activity("invoke-adaptiveCard-action.json");
        invoke["serviceUrl"] = serviceUrl;
        invoke["id"] = IdToken;
        invoke["value"] = new JsonObject
        {
            ["action"] = new JsonObject { ["type"] = "Action.Execute", ["title"] = "Help", ["verb"] = "help.show", ["data"] = new JsonObject() },
        };
        return new PlaygroundPayloads(message.ToJsonString(), invoke.ToJsonString());
    }

    public string HelpMessage() => messageTemplate.Replace(IdToken, Guid.NewGuid().ToString(), StringComparison.Ordinal);

    public string HelpButtonInvoke() => invokeTemplate.Replace(IdToken, Guid.NewGuid().ToString(), StringComparison.Ordinal);

    private static JsonObject Activity(string file)
    {
        var path = RepoRoot.Combine("tests", "TeamsSafeguarding.Tests", "Fixtures", "playground", file);
        return JsonNode.Parse(File.ReadAllText(path))!["activity"]!.AsObject();
    }
}
