using System.Diagnostics.CodeAnalysis;

namespace TeamsSafeguarding.Escalation.Referrals;

/// <summary>
/// A referral's human-friendly, non-identifying reference, "SAB-2026-0007": board prefix, year, and the
/// sequence within that year, padded to four digits (more digits once past 9999).
/// A returned referral keeps its reference when resubmitted.
/// </summary>
public sealed record CaseReference
{
    public const string DefaultPrefix = "SAB";
    public const int MaxSequence = 999_999;

    private CaseReference(string prefix, int year, int sequence) => (Prefix, Year, Sequence) = (prefix, year, sequence);

    public string Prefix { get; }
    public int Year { get; }
    public int Sequence { get; }

    public static CaseReference Create(string prefix, int year, int sequence)
    {
        if (!IsValidPrefix(prefix)) throw new ArgumentException("A prefix is 2-10 letters or digits, starting with a letter.", nameof(prefix));
        if (year is < 2000 or > 9999) throw new ArgumentOutOfRangeException(nameof(year), year, "Year must be 2000-9999.");
        if (sequence is < 1 or > MaxSequence) throw new ArgumentOutOfRangeException(nameof(sequence), sequence, $"Sequence must be 1-{MaxSequence}.");
        return new CaseReference(prefix.ToUpperInvariant(), year, sequence);
    }

    public static bool IsValidPrefix(string? prefix) =>
        prefix is { Length: >= 2 and <= 10 } && char.IsAsciiLetter(prefix[0]) && prefix.All(char.IsAsciiLetterOrDigit);

    public override string ToString() => $"{Prefix}-{Year}-{Sequence:0000}";

    /// <summary>
    /// Reads a reference as people type it: case and surrounding spaces don't matter, nor does padding
    /// ("sab-2026-7" is SAB-2026-0007). Anything else is refused, never thrown.
    /// Pass <paramref name="expectedPrefix"/> to accept only this board's references.
    /// </summary>
    public static bool TryParse(string? text, [NotNullWhen(true)] out CaseReference? reference, string? expectedPrefix = null)
    {
        reference = null;
        if (string.IsNullOrWhiteSpace(text) || text.Length > 40) return false;
        var parts = text.Trim().Split('-');
        if (parts.Length != 3) return false;
        var (prefix, year, sequence) = (parts[0], parts[1], parts[2]);
        if (!IsValidPrefix(prefix)) return false;
        if (expectedPrefix is not null && !string.Equals(prefix, expectedPrefix, StringComparison.OrdinalIgnoreCase)) return false;
        if (year.Length != 4 || !year.All(char.IsAsciiDigit)) return false;
        if (sequence.Length is < 1 or > 6 || !sequence.All(char.IsAsciiDigit)) return false;
        var y = int.Parse(year);
        var s = int.Parse(sequence);
        if (y < 2000 || s < 1) return false;
        reference = new CaseReference(prefix.ToUpperInvariant(), y, s);
        return true;
    }

    public static CaseReference Parse(string text) =>
        TryParse(text, out var reference) ? reference : throw new FormatException("Not a case reference such as SAB-2026-0007.");
}

/// <summary>Configuration section "CaseReference": the board's prefix (default "SAB").</summary>
public sealed class CaseReferenceOptions
{
    public const string Section = "CaseReference";

    public string Prefix { get; set; } = CaseReference.DefaultPrefix;

    /// <summary>The reference for the Nth referral of a year; the sequence itself is allocated by storage.</summary>
    public CaseReference For(int year, int sequence) => CaseReference.Create(Prefix, year, sequence);
}
