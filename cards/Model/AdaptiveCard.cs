using System.Text.Json.Nodes;

namespace TeamsSafeguarding.Cards;

/// <summary>An Adaptive Card 1.5 (the version Teams needs for Action.Execute and refresh).</summary>
public sealed record AdaptiveCard
{
    public const string Version = "1.5";

    public IReadOnlyList<ICardElement> Body { get; init; } = [];
    public IReadOnlyList<ICardAction> Actions { get; init; } = [];

    /// <summary>Universal Actions refresh: listed users' clients fetch their own view of the card.</summary>
    public CardRefresh? Refresh { get; init; }

    /// <summary>Teams draws the card across the whole message width (msteams.width = "Full").</summary>
    public bool FullWidth { get; init; } = true;

    public JsonObject ToJson() => ToJson(nested: false);

    /// <summary>A card shown by Action.ShowCard: no refresh or Teams width of its own.</summary>
    internal JsonObject ToJson(bool nested) => CardJson.Object(
        ("type", "AdaptiveCard"),
        ("version", Version),
        ("refresh", nested ? null : Refresh?.ToJson()),
        ("msteams", !nested && FullWidth ? new JsonObject { ["width"] = "Full" } : null),
        ("body", CardJson.Elements(Body)),
        ("actions", CardJson.Actions(Actions)));
}

/// <summary>
/// The card's refresh: <see cref="UserIds"/> (Teams "29:" ids, at most 60) refresh automatically;
/// an empty list means manual refresh only; null lets Teams refresh everyone in small chats.
/// </summary>
public sealed record CardRefresh
{
    public required ExecuteAction Action { get; init; }
    public IReadOnlyList<string>? UserIds { get; init; }

    public JsonObject ToJson() => CardJson.Object(
        ("action", Action.ToJson()),
        ("userIds", UserIds is null ? null : new JsonArray([.. UserIds.Select(id => (JsonNode?)id)])));
}
