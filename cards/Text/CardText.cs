using System.Text;
using System.Text.RegularExpressions;

namespace TeamsSafeguarding.Cards;

/// <summary>
/// Makes text typed by people safe to show in a TextBlock or Fact, which Teams reads as markdown.
/// Backslash escapes are not an option: Teams desktop, web and mobile each handle them differently (some show
/// the backslashes). So every markdown character is swapped for a look-alike that no markdown reader treats
/// specially, and line-start syntax (lists, headings, quotes) is defused. A person's text can then never add a
/// link, formatting, a list or a heading, nor break the card.
/// </summary>
public static partial class CardText
{
    /// <summary>Default limit: long enough for a sentence or two, short enough to keep cards readable.</summary>
    public const int DefaultMaxLength = 500;

    private const string Ellipsis = "\u2026";
    private const char WordJoiner = '\u2060';

    /// <summary>
    /// The text with markdown neutralised, control and bidi characters removed, white space collapsed and at
    /// most <paramref name="maxLength"/> characters long (cut with "…"). Null or blank gives "".
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
        foreach (var c in line)
        {
            safe.Append(c switch
            {
                '*' => '\u2217', // ∗ asterisk operator: emphasis, bullets
                '_' => '\u02CD', // ˍ modifier low macron: emphasis
                '`' => '\u02CB', // ˋ modifier grave accent: code
                '~' => '\u223C', // ∼ tilde operator: strikethrough
                '[' => '\uFF3B', // ［ links
                ']' => '\uFF3D', // ］
                '(' => '\uFE59', // ﹙ small parenthesis: link targets
                ')' => '\uFE5A', // ﹚
                '<' => '\uFE64', // ﹤ small less-than: autolinks and HTML
                '>' => '\uFE65', // ﹥ quotes and HTML
                '|' => '\u2223', // ∣ tables
                '\\' => '\u29F5', // ⧵ escapes
                '#' => '\uFF03', // ＃ headings
                _ => c,
            });
        }

        // Line-start syntax: bullets ("- ", "+ "), numbered lists ("1. ", "1) ").
        if (safe.Length > 0 && safe[0] is '-' or '+')
        {
            safe[0] = safe[0] == '-' ? '\u2010' : '\uFF0B'; // ‐ hyphen, ＋ (a hyphen inside a line is left alone)
        }
        var number = ListNumber().Match(line);
        if (number.Success)
        {
            var delimiter = number.Length - 1;
            safe[delimiter] = safe[delimiter] == '.' ? '\u2024' : safe[delimiter]; // ․ one dot leader; ")" is already ﹚
        }

        // Bare web addresses and HTML entities ("&lt;"): some readers turn them into links or symbols.
        return EntityStart().Replace(
            WebAddress().Replace(safe.ToString(), m => m.Value.Insert(m.Value.Length - 1, WordJoiner.ToString())),
            m => m.Value + WordJoiner);
    }

    [GeneratedRegex(@"\r\n|[\r\n\u0085\u2028\u2029\v\f]")]
    private static partial Regex LineBreak();

    [GeneratedRegex(@" {2,}")]
    private static partial Regex Spaces();

    [GeneratedRegex(@"^\d{1,9}[.)]")]
    private static partial Regex ListNumber();

    // "://" becomes ":⁠//" and "www." becomes "www⁠." (a word joiner before the last character).
    [GeneratedRegex(@":/|www\.", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex WebAddress();

    [GeneratedRegex(@"&(?=#?[A-Za-z0-9]{1,32};)")]
    private static partial Regex EntityStart();
}
