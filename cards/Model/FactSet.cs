using System.Text.Json.Nodes;

namespace TeamsSafeguarding.Cards;

/// <summary>FactSet: label/value pairs, e.g. "Case ref: SAB-2025-014".</summary>
public sealed record FactSet : ICardElement
{
    public required IReadOnlyList<Fact> Facts { get; init; }
    public Spacing? Spacing { get; init; }
    public bool? Separator { get; init; }

    public JsonObject ToJson() => CardJson.Object(
        ("type", "FactSet"),
        ("facts", new JsonArray([.. Facts.Select(f => (JsonNode)f.ToJson())])),
        ("spacing", CardJson.Name(Spacing)),
        ("separator", Separator));
}

/// <summary>One FactSet row. Both parts are markdown: pass typed text through <see cref="CardText.Plain"/>.</summary>
public sealed record Fact(string Title, string Value)
{
    public JsonObject ToJson() => new() { ["title"] = Title, ["value"] = Value };
}
