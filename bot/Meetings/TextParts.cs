namespace TeamsSafeguarding.Meetings;

/// <summary>
/// Long typed text split for cards read on a phone: parts of at most <c>max</c> characters, cut at a paragraph, else a
/// sentence, else a space, so each card page stays short and nothing is left out.
/// </summary>
public static class TextParts
{
    public const int PerPage = 1800;

    public static IReadOnlyList<string> Split(string text, int max = PerPage)
    {
        var parts = new List<string>();
        var rest = text.Trim();
        while (rest.Length > max)
        {
            var window = rest[..max];
            var cut = new[] { window.LastIndexOf("\n", StringComparison.Ordinal), window.LastIndexOf(". ", StringComparison.Ordinal) + 1, window.LastIndexOf(' ') }
                .FirstOrDefault(i => i > max / 2, max);
            parts.Add(rest[..cut].Trim());
            rest = rest[cut..].Trim();
        }
        if (rest.Length > 0 || parts.Count == 0) parts.Add(rest);
        return parts;
    }

    /// <summary>Each (title, text) as one or more parts, later parts titled "… (continued)".</summary>
    public static IEnumerable<(string Title, string Text)> Split(IEnumerable<(string Title, string Text)> texts, int max = PerPage) =>
        texts.SelectMany(t => Split(t.Text, max).Select((part, i) => (i == 0 ? t.Title : t.Title + " (continued)", part)));
}
