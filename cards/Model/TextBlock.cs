using System.Text.Json.Nodes;

namespace TeamsSafeguarding.Cards;

/// <summary>
/// TextBlock. Its text is read as markdown: pass anything a person typed through <see cref="CardText.Plain"/>.
/// Wraps by default, because truncated text in Teams hides what matters.
/// </summary>
public sealed record TextBlock : ICardElement
{
    public required string Text { get; init; }
    public bool Wrap { get; init; } = true;
    public TextWeight? Weight { get; init; }
    public TextSize? Size { get; init; }
    public TextColor? Color { get; init; }
    public bool? IsSubtle { get; init; }
    public int? MaxLines { get; init; }
    public Spacing? Spacing { get; init; }
    public bool? Separator { get; init; }

    public JsonObject ToJson() => CardJson.Object(
        ("type", "TextBlock"),
        ("text", Text),
        ("wrap", Wrap),
        ("weight", CardJson.Name(Weight)),
        ("size", CardJson.Name(Size)),
        ("color", CardJson.Name(Color)),
        ("isSubtle", IsSubtle),
        ("maxLines", MaxLines),
        ("spacing", CardJson.Name(Spacing)),
        ("separator", Separator));
}
