using System.Text.Json.Nodes;

namespace TeamsSafeguarding.Cards;

/// <summary>
/// Container: groups items, optionally on a styled background. With <see cref="SelectAction"/> the whole container is
/// one tap target: a list gives each row its action this way rather than a button per row (phone-first: few buttons).
/// </summary>
public sealed record Container : ICardElement
{
    public required IReadOnlyList<ICardElement> Items { get; init; }
    public ContainerStyle? Style { get; init; }
    /// <summary>Action.Execute or Action.OpenUrl (Action.ShowCard is not allowed as a selectAction).</summary>
    public ExecuteAction? SelectAction { get; init; }
    public Spacing? Spacing { get; init; }
    public bool? Separator { get; init; }

    public JsonObject ToJson() => CardJson.Object(
        ("type", "Container"),
        ("items", CardJson.Elements(Items)),
        ("style", CardJson.Name(Style)),
        ("selectAction", SelectAction?.ToJson()),
        ("spacing", CardJson.Name(Spacing)),
        ("separator", Separator));
}
