using System.Text.Json;
using System.Text.Json.Nodes;
using TeamsSafeguarding.Teams;

namespace TeamsSafeguarding.Tests.Routing;

/// <summary>Real activities captured from the Agents Playground (Fixtures/playground, copied from ../shared).</summary>
public static class PlaygroundFixtures
{
    public static string Path(string file) => System.IO.Path.Combine(AppContext.BaseDirectory, "Fixtures", "playground", file);

    public static JsonObject ActivityJson(string file) =>
        JsonNode.Parse(File.ReadAllText(Path(file)))!["activity"]!.AsObject();

    public static Activity Activity(string file) =>
        JsonSerializer.Deserialize<Activity>(ActivityJson(file).ToJsonString(), global::TeamsSafeguarding.Teams.ActivityJson.Options)!;
}
