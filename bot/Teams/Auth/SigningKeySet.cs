using System.Text.Json;
using Microsoft.IdentityModel.Tokens;

namespace TeamsSafeguarding.Teams.Auth;

/// <summary>
/// One download of the Bot Connector's signing keys (check 5) together with the channels each key is
/// endorsed for (check 6). Both come from the same jwks document, so they can never disagree.
/// </summary>
public sealed class SigningKeySet
{
    private readonly IReadOnlyList<SecurityKey> _keys;
    private readonly IReadOnlyDictionary<string, IReadOnlySet<string>> _endorsements;

    private SigningKeySet(IReadOnlyList<SecurityKey> keys, IReadOnlyDictionary<string, IReadOnlySet<string>> endorsements)
    {
        _keys = keys;
        _endorsements = endorsements;
    }

    /// <summary>Parses a jwks document: {"keys":[{"kid":"...", ..., "endorsements":["msteams", ...]}]}.</summary>
    /// <exception cref="JsonException">The document is not a jwks.</exception>
    public static SigningKeySet FromJwks(string jwksJson)
    {
        // Microsoft.IdentityModel turns the keys into SecurityKeys but drops "endorsements", so those are read here.
        var keys = new JsonWebKeySet(jwksJson).GetSigningKeys()
            .Where(k => !string.IsNullOrEmpty(k.KeyId))
            .ToList();

        var endorsements = new Dictionary<string, IReadOnlySet<string>>(StringComparer.Ordinal);
        using var doc = JsonDocument.Parse(jwksJson);
        if (!doc.RootElement.TryGetProperty("keys", out var keyArray) || keyArray.ValueKind != JsonValueKind.Array)
            throw new JsonException("The jwks document has no \"keys\" array.");
        foreach (var key in keyArray.EnumerateArray())
        {
            if (key.ValueKind != JsonValueKind.Object
                || !key.TryGetProperty("kid", out var kid) || kid.ValueKind != JsonValueKind.String
                || !key.TryGetProperty("endorsements", out var list) || list.ValueKind != JsonValueKind.Array)
                continue;
            endorsements[kid.GetString()!] = list.EnumerateArray()
                .Where(e => e.ValueKind == JsonValueKind.String)
                .Select(e => e.GetString()!)
                .ToHashSet(StringComparer.Ordinal);
        }
        return new SigningKeySet(keys, endorsements);
    }

    public bool Has(string keyId) => _keys.Any(k => k.KeyId == keyId);

    /// <summary>A jwks entry can yield more than one SecurityKey (x5c and n/e), all for the same kid.</summary>
    public IReadOnlyList<SecurityKey> KeysFor(string keyId) => _keys.Where(k => k.KeyId == keyId).ToList();

    /// <summary>
    /// Check 6, as the SDK's JwtTokenExtractor does it: a key without an endorsements entry is refused; an empty
    /// channelId counts as endorsed; otherwise the key must be endorsed for the activity's channel.
    /// </summary>
    public bool IsEndorsed(string keyId, string? channelId) =>
        _endorsements.TryGetValue(keyId, out var channels)
        && (string.IsNullOrWhiteSpace(channelId) || channels.Contains(channelId));

    public bool HasEndorsements(string keyId) => _endorsements.ContainsKey(keyId);
}
