using System.Text.Json.Nodes;

namespace TeamsSafeguarding.Cards;

/// <summary>ActionSet: buttons placed inside the body (e.g. under the inputs they submit).</summary>
public sealed record ActionSet : ICardElement
{
    public required IReadOnlyList<ICardAction> Actions { get; init; }
    public Spacing? Spacing { get; init; }
    public bool? Separator { get; init; }

    public JsonObject ToJson() => CardJson.Object(
        ("type", "ActionSet"),
        ("actions", new JsonArray([.. Actions.Select(a => (JsonNode)a.ToJson())])),
        ("spacing", CardJson.Name(Spacing)),
        ("separator", Separator));
}
