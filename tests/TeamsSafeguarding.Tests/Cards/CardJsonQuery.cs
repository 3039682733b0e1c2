using System.Text.Json.Nodes;

namespace TeamsSafeguarding.Tests.Cards;

/// <summary>Small look-ups over card JSON for assertions: every text shown, every Action.Execute.</summary>
public static class CardJsonQuery
{
    /// <summary>All nodes in the card, depth first.</summary>
    public static IEnumerable<JsonObject> Objects(JsonNode? node) => node switch
    {
        JsonObject obj => [obj, .. obj.SelectMany(p => Objects(p.Value))],
        JsonArray array => array.SelectMany(Objects),
        _ => [],
    };

    /// <summary>Every text a person reads: TextBlock text, fact titles and values, button titles.</summary>
    public static string AllText(JsonObject card) => string.Join("\n", Objects(card).SelectMany(o =>
        new[] { "text", "title", "value" }.Select(k => o[k]).OfType<JsonValue>()
            .Where(v => v.GetValueKind() == System.Text.Json.JsonValueKind.String)
            .Select(v => v.GetValue<string>())));

    public static IReadOnlyList<JsonObject> ExecuteActions(JsonObject card) =>
        [.. Objects(card).Where(o => (string?)o["type"] == "Action.Execute")];

    public static JsonObject Button(JsonObject card, string title) =>
        ExecuteActions(card).Single(a => (string?)a["title"] == title);
}
