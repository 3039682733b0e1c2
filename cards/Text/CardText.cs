using System.Text;
using System.Text.RegularExpressions;

namespace TeamsSafeguarding.Cards;

/// <summary>
/// Makes text typed by people safe to show in a TextBlock or Fact, which Teams reads as markdown, so that it can
/// never add a link, formatting, a list or a heading, nor break the card.
/// Backslash escapes are not an option: Teams desktop, web and mobile each handle them differently (some show the
/// backslashes). Instead:
/// - emphasis, code and strike marks (* _ ` ~) and | become look-alikes no markdown reader treats specially;
/// - the rest stays as typed, with an invisible word joiner (U+2060) where a sequence would otherwise mean
///   something: between ] and ( or [ (links, images), after &lt; (autolinks, HTML), after \ (escapes), after &amp; in
///   an entity, inside "://", "www." and e-mail addresses (bare links), and at the start of a line that would begin a heading,
///   list, quote or link definition (#, -, +, &gt;, [, =, |, "1." or "1)").
/// Look-alikes are few on purpose: others (full-width brackets, small parentheses) are missing from common
/// fonts and show as empty boxes.
/// </summary>
public static partial class CardText
{
    /// <summary>Default limit: long enough for a sentence or two, short enough to keep cards readable.</summary>
    public const int DefaultMaxLength = 500;

    private const string Ellipsis = "\u2026";
    private const char WordJoiner = '\u2060';

    /// <summary>
    /// The text with markdown neutralised, control and bidi characters removed, white space collapsed and at
    /// most <paramref name="maxLength"/> characters long (cut with "…"; the invisible word joiners come on top).
    /// Null or blank gives "".
    /// Line breaks become spaces unless <paramref name="keepLineBreaks"/>, which keeps them as separate paragraphs.
    /// </summary>
    public static string Plain(string? text, int maxLength = DefaultMaxLength, bool keepLineBreaks = false)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(maxLength, 1);
        if (string.IsNullOrWhiteSpace(text)) return "";

        var lines = LineBreak().Split(text).Select(CleanLine).Where(line => line.Length > 0);
        var clamped = Clamp(string.Join(keepLineBreaks ? "\n" : " ", lines), maxLength);
        // Markdown needs a blank line between paragraphs; a single \n would be shown as a space.
        return string.Join("\n\n", clamped.Split('\n').Select(Neutralise));
    }

    /// <summary>Removes what must never reach a card and collapses white space; no markdown handling yet.</summary>
    private static string CleanLine(string line)
    {
        var clean = new StringBuilder(line.Length);
        for (var i = 0; i < line.Length; i++)
        {
            var c = line[i];
            if (char.IsHighSurrogate(c) && i + 1 < line.Length && char.IsLowSurrogate(line[i + 1]))
            {
                clean.Append(c).Append(line[++i]);
            }
            else if (char.IsSurrogate(c))
            {
                clean.Append('\uFFFD'); // a lone half of a pair is not valid text
            }
            else if (char.IsWhiteSpace(c) || char.IsControl(c))
            {
                clean.Append(' ');
            }
            else if (!IsBidiControl(c))
            {
                clean.Append(c);
            }
        }
        return Spaces().Replace(clean.ToString(), " ").Trim();
    }

    /// <summary>Right-to-left overrides and isolates can make text display in a different order than typed.</summary>
    private static bool IsBidiControl(char c) =>
        c is '\u200E' or '\u200F' or '\u061C' or (>= '\u202A' and <= '\u202E') or (>= '\u2066' and <= '\u2069');

    private static string Clamp(string text, int maxLength)
    {
        if (text.Length <= maxLength) return text;
        var cut = maxLength - Ellipsis.Length;
        if (cut > 0 && char.IsHighSurrogate(text[cut - 1])) cut--; // never split an emoji in half
        return text[..cut].TrimEnd() + Ellipsis;
    }

    private static string Neutralise(string line)
    {
        var safe = new StringBuilder(line.Length + 8);
        if (LineStartSyntax().IsMatch(line)) safe.Append(WordJoiner);
        foreach (var c in line)
        {
            safe.Append(c switch
            {
                '*' => '\u2217', // ∗ asterisk operator: emphasis, bullets
                '_' => '\u02CD', // ˍ modifier letter low macron: emphasis
                '`' => '\u02CB', // ˋ modifier letter grave accent: code
                '~' => '\u223C', // ∼ tilde operator: strikethrough
                '|' => '\u2223', // ∣ divides: tables
                _ => c,
            });
        }
        return BreakableSequence().Replace(safe.ToString(), m => m.Value + WordJoiner);
    }

    /// <summary>Line starts that begin a heading, list, quote, table, link definition or setext underline.</summary>
    [GeneratedRegex(@"^([#\-+>\[=|]|\d{1,9}[.)])")]
    private static partial Regex LineStartSyntax();

    /// <summary>
    /// The first character of each two-character sequence a word joiner goes into: "](" "][" (links, images), "&lt;" + letter, / ! ?
    /// (autolinks, HTML), "\" + punctuation (escapes), "&amp;" + entity, ":/" and "w." of "www." (bare links),
    /// and the character before "@" (e-mail addresses: a joiner after "@" would be read as part of the domain).
    /// </summary>
    [GeneratedRegex(@"\](?=[(\[])|<(?=[A-Za-z/!?])|\\(?=[!-/:-@\[-`{-~])|&(?=#?[A-Za-z0-9]{1,32};)|:(?=/)|(?<=ww)w(?=\.)|\S(?=@)",
        RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex BreakableSequence();

    [GeneratedRegex(@"\r\n|[\r\n\u0085\u2028\u2029\v\f]")]
    private static partial Regex LineBreak();

    [GeneratedRegex(@" {2,}")]
    private static partial Regex Spaces();
}
