using System.Text.Json.Nodes;

namespace TeamsSafeguarding.Cards;

/// <summary>Container: groups items, optionally on a styled background.</summary>
public sealed record Container : ICardElement
{
    public required IReadOnlyList<ICardElement> Items { get; init; }
    public ContainerStyle? Style { get; init; }
    public Spacing? Spacing { get; init; }
    public bool? Separator { get; init; }

    public JsonObject ToJson() => CardJson.Object(
        ("type", "Container"),
        ("items", CardJson.Elements(Items)),
        ("style", CardJson.Name(Style)),
        ("spacing", CardJson.Name(Spacing)),
        ("separator", Separator));
}
