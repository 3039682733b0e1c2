using System.Globalization;

namespace TeamsSafeguarding.Escalation.Referrals;

/// <summary>
/// Reads the strings Adaptive Card inputs send (Input.Date yyyy-MM-dd, Input.Toggle "true"/"false",
/// multi-select ChoiceSet "a,b,c"). Every parser returns null on bad input instead of throwing.
/// </summary>
public static class FieldValues
{
    private static readonly string[] DateFormats = ["yyyy-MM-dd", "dd/MM/yyyy", "d/M/yyyy"];

    public static DateOnly? ParseDate(string? raw)
    {
        if (string.IsNullOrWhiteSpace(raw)) return null;
        var text = raw.Trim();
        // Some clients send a full timestamp for Input.Date; the date part is what the person picked.
        if (text.Length > 10 && text[10] == 'T') text = text[..10];
        return DateOnly.TryParseExact(text, DateFormats, CultureInfo.InvariantCulture, DateTimeStyles.None, out var date)
            ? date : null;
    }

    /// <summary>A whole number; "3" and "3.0" are fine, "3.5", "abc" and "1e9" are not.</summary>
    public static int? ParseWholeNumber(string? raw)
    {
        if (string.IsNullOrWhiteSpace(raw)) return null;
        if (!decimal.TryParse(raw.Trim(), NumberStyles.AllowLeadingSign | NumberStyles.AllowDecimalPoint,
                CultureInfo.InvariantCulture, out var value)) return null;
        if (value != decimal.Truncate(value) || value < int.MinValue || value > int.MaxValue) return null;
        return (int)value;
    }

    public static bool? ParseToggle(string? raw) => raw?.Trim().ToLowerInvariant() switch
    {
        "true" => true,
        "false" => false,
        _ => null,
    };

    /// <summary>Yes/no answers may come from a choice ("yes"/"no") or a toggle ("true"/"false").</summary>
    public static bool? ParseYesNo(string? raw) => raw?.Trim().ToLowerInvariant() switch
    {
        "yes" or "true" => true,
        "no" or "false" => false,
        _ => null,
    };

    /// <summary>The values of a multi-select ChoiceSet, trimmed, empty items dropped, duplicates removed.</summary>
    public static IReadOnlyList<string> SplitMulti(string? raw) =>
        string.IsNullOrWhiteSpace(raw)
            ? []
            : raw.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries)
                .Distinct(StringComparer.OrdinalIgnoreCase).ToArray();

    /// <summary>An enum member by its exact name (ignoring case). Numbers such as "3" are refused.</summary>
    public static TEnum? ParseEnum<TEnum>(string? raw) where TEnum : struct, Enum
    {
        if (string.IsNullOrWhiteSpace(raw)) return null;
        var text = raw.Trim();
        foreach (var name in Enum.GetNames<TEnum>())
            if (string.Equals(name, text, StringComparison.OrdinalIgnoreCase))
                return Enum.Parse<TEnum>(name);
        return null;
    }

    /// <summary>Choices for a form field from an enum and its display names.</summary>
    public static IReadOnlyList<FieldChoice> ChoicesOf<TEnum>(Func<TEnum, string> title, Func<TEnum, string>? smallPrint = null) where TEnum : struct, Enum =>
        Enum.GetValues<TEnum>().Select(v => new FieldChoice(v.ToString(), title(v), smallPrint?.Invoke(v))).ToArray();

    /// <summary>NHS numbers are 10 digits (spaces allowed) whose last digit is a modulus 11 check digit.</summary>
    public static bool IsValidNhsNumber(string? raw)
    {
        if (raw is null) return false;
        var digits = raw.Replace(" ", "").Replace("-", "");
        if (digits.Length != 10 || !digits.All(char.IsAsciiDigit)) return false;
        var sum = 0;
        for (var i = 0; i < 9; i++) sum += (digits[i] - '0') * (10 - i);
        var check = 11 - sum % 11;
        if (check == 11) check = 0;
        return check != 10 && check == digits[9] - '0';
    }

    public static bool IsValidEmail(string raw)
    {
        var at = raw.IndexOf('@');
        return at > 0 && at == raw.LastIndexOf('@') && raw.IndexOf('.', at) > at + 1 && !raw.EndsWith('.')
               && !raw.Any(char.IsWhiteSpace);
    }

    public static bool IsValidTelephone(string raw) =>
        raw.All(c => char.IsAsciiDigit(c) || c is ' ' or '+' or '(' or ')' or '-') && raw.Count(char.IsAsciiDigit) is >= 6 and <= 15;

    /// <summary>Only absolute https links (a link to the latest risk assessment in the agency's system): cards show only those as links.</summary>
    public static bool IsValidLink(string raw) =>
        Uri.TryCreate(raw, UriKind.Absolute, out var uri) && uri.Scheme == Uri.UriSchemeHttps && !raw.Any(char.IsWhiteSpace);
}
