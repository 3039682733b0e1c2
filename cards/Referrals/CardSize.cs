using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace TeamsSafeguarding.Cards.Referrals;

/// <summary>
/// How big a card is as Teams counts it: the message payload as UTF-16 text (2 bytes a character), and the
/// bound every referral card keeps to. Teams rejects larger messages with 413 MessageSizeTooBig; its current
/// docs say ~100 KB (keep under 80 KB), older docs 40 KB, so the older limit is the one kept.
/// </summary>
public static class CardSize
{
    /// <summary>The older, stricter Teams limit: 40 KB counted as UTF-16 (20,480 characters of JSON).</summary>
    public const int MaxUtf16Bytes = 40 * 1024;

    // The characters of the payload as text: "é" is one character, not the six of the "\u00E9" escape the wire
    // may carry (Teams counts the decoded text). Quotes and backslashes still count their JSON escapes.
    private static readonly JsonSerializerOptions AsText = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    /// <summary>
    /// The card's JSON length in UTF-16 characters, times two. The relaxed writer still escapes emoji (each half of
    /// the pair as "\uD83D"): such an escape counts as the one character it stands for.
    /// </summary>
    public static int Utf16Bytes(JsonObject card)
    {
        var json = card.ToJsonString(AsText);
        var length = 0;
        for (var i = 0; i < json.Length; i++, length++)
        {
            if (json[i] != '\\' || i + 1 >= json.Length) continue;
            if (json[i + 1] == 'u' && i + 5 < json.Length) i += 5; // \uXXXX: one character
            else { length++; i++; }                               // \" \\ \n: two, as written
        }
        return length * 2;
    }

    public static bool Fits(JsonObject card) => Utf16Bytes(card) <= MaxUtf16Bytes;
}
