using System.Text;

namespace TeamsSafeguarding.Escalation.Referrals;

/// <summary>
/// Puts one section's card inputs into the draft. Only that section's fields are taken (other keys, such as
/// the card's action data, are ignored); a missing key leaves the answer as it was; an empty value clears it.
/// Nothing here judges the values: bad input is kept and reported by <see cref="ReferralValidation"/>.
/// </summary>
public static class ReferralFormBinder
{
    /// <summary>
    /// Longest value kept. Well above every field's limit, so an over-long answer is kept to be shortened
    /// (with its error) rather than cut, yet a pasted novel cannot bloat the stored draft.
    /// </summary>
    public const int HardCap = 10_000;

    public static ReferralDraft Apply(ReferralDraft draft, string? sectionId, IReadOnlyDictionary<string, string?>? inputs)
    {
        var section = ReferralForm.Find(sectionId);
        if (section is null || inputs is null) return draft;
        foreach (var field in section.FieldsFor(draft.RiskCount))
        {
            if (!inputs.TryGetValue(field.Id, out var raw)) continue;
            draft = draft.With(field.Id, field.Kind == FieldKind.MultiChoice ? NormaliseMulti(raw) : raw);
        }
        return draft;
    }

    /// <summary>Trims, drops control characters other than line breaks and tabs, caps the length; blank becomes null.</summary>
    public static string? Clean(string? raw)
    {
        if (string.IsNullOrWhiteSpace(raw)) return null;
        var sb = new StringBuilder(Math.Min(raw.Length, HardCap));
        foreach (var c in raw)
        {
            if (sb.Length >= HardCap) break;
            if (char.IsControl(c) && c is not ('\n' or '\t')) continue; // also drops \r: line ends become \n
            sb.Append(c);
        }
        if (sb.Length > 0 && char.IsHighSurrogate(sb[^1])) sb.Length--; // never keep half an emoji
        var text = sb.ToString().Trim();
        return text.Length == 0 ? null : text;
    }

    private static string NormaliseMulti(string? raw) => string.Join(',', FieldValues.SplitMulti(raw));
}
