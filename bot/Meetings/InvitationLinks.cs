using System.Security.Cryptography;
using Microsoft.Extensions.Options;

namespace TeamsSafeguarding.Meetings;

/// <summary>
/// Links to a meeting's invitation file: /meetings/{caseId}/invitation/{token}.ics on the bot's public address. The token
/// is random (128 bits) and stored with the booking: the link needs no sign-in, so it must be unguessable, and the file
/// holds nothing personal.
/// </summary>
public sealed class InvitationLinks(IOptions<MeetingsOptions> options)
{
    public static string NewToken() => Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(16));

    public static string Path(string caseId, string token) => $"/meetings/{caseId}/invitation/{token}.ics";

    /// <summary>The absolute link, or null when the bot's public address is not known (the card then says how to add the time by hand).</summary>
    public Uri? For(string caseId, string? token)
    {
        if (token is null) return null;
        var root = options.Value.PublicBaseUrl;
        return string.IsNullOrWhiteSpace(root) ? null : new Uri(root.TrimEnd('/') + Path(caseId, token));
    }
}
