using System.Text.Json.Nodes;

namespace TeamsSafeguarding.Cards;

/// <summary>
/// Action.Execute (Universal Actions): Teams sends an adaptiveCard/action invoke with <see cref="Verb"/>,
/// <see cref="Data"/> merged with the inputs, and the bot may answer with a replacement card.
/// </summary>
public sealed record ExecuteAction : ICardAction
{
    public required string Title { get; init; }
    public required string Verb { get; init; }
    /// <summary>Hidden values sent back with the inputs, e.g. {"card":"welcome","referralId":"..."}.</summary>
    public JsonObject? Data { get; init; }
    public AssociatedInputs? AssociatedInputs { get; init; }
    public ActionStyle? Style { get; init; }
    public string? Id { get; init; }

    public JsonObject ToJson() => CardJson.Object(
        ("type", "Action.Execute"),
        ("id", Id),
        ("title", Title),
        ("verb", Verb),
        ("data", CardJson.Copy(Data)),
        ("associatedInputs", CardJson.Name(AssociatedInputs)),
        ("style", CardJson.Name(Style)));
}

/// <summary>Action.ShowCard: a button that unfolds another card underneath (e.g. a reason form).</summary>
public sealed record ShowCardAction : ICardAction
{
    public required string Title { get; init; }
    public required AdaptiveCard Card { get; init; }
    public ActionStyle? Style { get; init; }
    public string? Id { get; init; }

    public JsonObject ToJson() => CardJson.Object(
        ("type", "Action.ShowCard"),
        ("id", Id),
        ("title", Title),
        ("card", Card.ToJson(nested: true)),
        ("style", CardJson.Name(Style)));
}

/// <summary>Action.OpenUrl: opens a link (absolute http(s) URLs only; never built from typed text).</summary>
public sealed record OpenUrlAction : ICardAction
{
    public required string Title { get; init; }
    public required Uri Url { get; init; }
    public ActionStyle? Style { get; init; }
    public string? Id { get; init; }

    public JsonObject ToJson() => CardJson.Object(
        ("type", "Action.OpenUrl"),
        ("id", Id),
        ("title", Title),
        ("url", Url.AbsoluteUri),
        ("style", CardJson.Name(Style)));
}
