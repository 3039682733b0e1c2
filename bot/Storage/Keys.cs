using System.Text;

namespace TeamsSafeguarding.Storage;

/// <summary>
/// Table Storage keys may not contain / \ # ? or control characters, and Teams ids contain ':' ';' '@' '='.
/// Ids are escaped percent-style so keys stay readable, reversible and safe.
/// </summary>
public static class Keys
{
    public static string Escape(string value)
    {
        var sb = new StringBuilder(value.Length);
        foreach (var c in value)
        {
            if (c is '/' or '\\' or '#' or '?' or '%' or '|' || char.IsControl(c))
                sb.Append('%').Append(((int)c).ToString("X2"));
            else
                sb.Append(c);
        }
        return sb.ToString();
    }

    public static string Unescape(string value) => Uri.UnescapeDataString(value);

    /// <summary>Joins key parts with '|', the separator used throughout ("case|…", "outbox|…").</summary>
    public static string Join(params string[] parts) => string.Join('|', parts.Select(Escape));

    /// <summary>An upper bound for a prefix range scan: RowKey ge prefix and RowKey lt PrefixEnd(prefix).</summary>
    public static string PrefixEnd(string prefix) => prefix[..^1] + (char)(prefix[^1] + 1);
}
