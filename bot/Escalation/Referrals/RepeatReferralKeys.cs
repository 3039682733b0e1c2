using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace TeamsSafeguarding.Escalation.Referrals;

/// <summary>
/// Matches referrals about the same person without keeping who they are: each key is a keyed hash (HMAC-SHA256, with the
/// board's own secret key) of normalised identifiers, one of name and date of birth and, when given, one of the NHS
/// number. Two referrals share a key only if those identifiers match; the key cannot be turned back into them, nor
/// rebuilt from a guessed name without the board's key. Keys are kept on the case and compared, never shown.
/// </summary>
public static class RepeatReferralKeys
{
    public static IReadOnlyList<string> Of(Person person, byte[] boardKey)
    {
        var keys = new List<string>();
        if (NormalisedName(person.Name) is { Length: > 0 } name)
            keys.Add(Hash(boardKey, $"name-dob|{name}|{person.DateOfBirth:yyyy-MM-dd}"));
        if (Digits(person.NhsNumber) is { Length: 10 } nhs)
            keys.Add(Hash(boardKey, $"nhs|{nhs}"));
        return keys;
    }

    /// <summary>Letters only, lower case, accents taken off: "Ann-Marie  O'Neill" and "ann marie oneill" are one name.</summary>
    public static string NormalisedName(string? name)
    {
        var decomposed = (name ?? "").Normalize(NormalizationForm.FormD);
        var letters = new StringBuilder(decomposed.Length);
        foreach (var c in decomposed)
            if (char.IsLetter(c) && CharUnicodeInfo.GetUnicodeCategory(c) != UnicodeCategory.NonSpacingMark) letters.Append(char.ToLowerInvariant(c));
        return letters.ToString();
    }

    private static string Digits(string? text) => new((text ?? "").Where(char.IsAsciiDigit).ToArray());

    private static string Hash(byte[] key, string value) => Convert.ToHexStringLower(HMACSHA256.HashData(key, Encoding.UTF8.GetBytes(value)));
}
