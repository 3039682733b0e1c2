using System.Text.Json.Nodes;

namespace TeamsSafeguarding.Cards;

/// <summary>
/// Image: a picture at <see cref="Url"/>, which may be a data URI ("data:image/png;base64,…", Adaptive Cards 1.2+), so a
/// chart the bot draws travels inside the card and no image server is needed. <see cref="AltText"/> says what it shows.
/// </summary>
public sealed record Image : ICardElement
{
    public required string Url { get; init; }
    public required string AltText { get; init; }
    /// <summary>"auto", "stretch" (the card's width), "small", "medium" or "large".</summary>
    public string? Size { get; init; }
    public Spacing? Spacing { get; init; }
    public bool? Separator { get; init; }

    public JsonObject ToJson() => CardJson.Object(
        ("type", "Image"),
        ("url", Url),
        ("altText", AltText),
        ("size", Size),
        ("spacing", CardJson.Name(Spacing)),
        ("separator", Separator));
}
