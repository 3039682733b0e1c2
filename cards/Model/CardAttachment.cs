using System.Text.Json.Nodes;

namespace TeamsSafeguarding.Cards;

/// <summary>Wraps a card as a message attachment.</summary>
public static class CardAttachment
{
    public const string ContentType = "application/vnd.microsoft.card.adaptive";

    /// <summary>{ "contentType": "application/vnd.microsoft.card.adaptive", "content": { the card } }.</summary>
    public static JsonObject From(AdaptiveCard card) => new()
    {
        ["contentType"] = ContentType,
        ["content"] = card.ToJson(),
    };
}
