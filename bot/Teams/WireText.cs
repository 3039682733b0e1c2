using System.Text.Json;
using System.Text.Json.Nodes;

namespace TeamsSafeguarding.Teams;

/// <summary>
/// What a string from the wire must look like before the bot uses it. Ids end up in Table Storage keys: at most
/// 1 KiB (512 UTF-16 characters), no '/', '\', '#', '?' or control characters, which the storage layer escapes to
/// three characters each. So an id is short printable ASCII, as every Teams id is ("29:1a…", "19:…@thread.tacv2;
/// messageid=…", GUIDs). Any other text must be well-formed UTF-16: a lone surrogate cannot even be read as a .NET
/// string by System.Text.Json.
/// </summary>
public static class WireText
{
    /// <summary>Well above any Teams id (a channel thread's id is about 80 characters, a personal chat's about 130),
    /// and still a Table Storage key with every character escaped and a prefix: 160 × 3 + "dedupe|" = 487 &lt; 512.</summary>
    public const int MaxIdLength = 160;

    public const int MaxServiceUrlLength = 2048;

    /// <summary>Display names (people, teams, channels) are at most 256 characters in Teams; some are stored.</summary>
    public const int MaxNameLength = 256;

    /// <returns>null when <paramref name="value"/> is absent or a usable id; otherwise what is wrong (no value in it).</returns>
    public static string? IdProblem(string? value, string field)
    {
        if (value is null) return null;
        if (value.Length > MaxIdLength) return $"{field} is longer than {MaxIdLength} characters";
        foreach (var c in value)
            if (c is < '!' or > '~') return $"{field} has a character no Teams id has";
        return null;
    }

    public static string? NameProblem(string? value, string field) =>
        value is { Length: > MaxNameLength } ? $"{field} is longer than {MaxNameLength} characters" : null;

    /// <summary>An invoke or event name: "adaptiveCard/action", "application/vnd.microsoft.meetingStart".</summary>
    public static string? OperationNameProblem(string? value, string field)
    {
        if (IdProblem(value, field) is { } problem) return problem;
        return value is null || value.All(c => char.IsAsciiLetterOrDigit(c) || c is '/' or '.' or '-' or '_' or ':')
            ? null
            : $"{field} is not an operation name";
    }

    public static string? ServiceUrlProblem(string? value)
    {
        if (value is null) return null;
        if (value.Length > MaxServiceUrlLength) return "serviceUrl is too long";
        return Uri.TryCreate(value, UriKind.Absolute, out var uri) && (uri.Scheme == Uri.UriSchemeHttps || uri.Scheme == Uri.UriSchemeHttp)
            ? null
            : "serviceUrl is not an http(s) address";
    }

    /// <summary>
    /// The property's name, and every string and property name in its value, are well-formed UTF-16. System.Text.Json
    /// refuses to turn a lone surrogate ("\ud800") into a .NET string, so reading each one is the check.
    /// </summary>
    public static bool IsWellFormed(JsonProperty property)
    {
        try
        {
            _ = property.Name;
            ReadAll(property.Value);
            return true;
        }
        catch (InvalidOperationException)
        {
            return false;
        }
    }

    private static void ReadAll(JsonElement element)
    {
        switch (element.ValueKind)
        {
            case JsonValueKind.String:
                _ = element.GetString();
                break;
            case JsonValueKind.Array:
                foreach (var item in element.EnumerateArray()) ReadAll(item);
                break;
            case JsonValueKind.Object:
                foreach (var property in element.EnumerateObject())
                {
                    _ = property.Name;
                    ReadAll(property.Value);
                }
                break;
        }
    }

    /// <summary>A JSON string's value; null for anything else (a number, an object, a missing node).</summary>
    public static string? StringOf(JsonNode? node)
    {
        if (node is not JsonValue value || value.GetValueKind() != JsonValueKind.String) return null;
        try
        {
            return value.GetValue<string>();
        }
        catch (InvalidOperationException)
        {
            return null; // a lone surrogate: the reader refuses such activities, this keeps the helper total anyway
        }
    }
}
