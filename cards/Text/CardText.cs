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
/// With links on, an https address becomes a real link and an e-mail address a mailto: link, shown as typed (no
/// invisible joiners, so they click and copy as typed); anything else, http:// and other schemes included, stays plain.
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
    public static string Plain(string? text, int maxLength = DefaultMaxLength, bool keepLineBreaks = false, bool links = false)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(maxLength, 1);
        if (string.IsNullOrWhiteSpace(text)) return "";

        var lines = LineBreak().Split(text).Select(CleanLine).Where(line => line.Length > 0);
        var clamped = Clamp(string.Join(keepLineBreaks ? "\n" : " ", lines), maxLength);
        // Markdown needs a blank line between paragraphs; a single \n would be shown as a space.
        return string.Join("\n\n", clamped.Split('\n').Select(line => links ? WithLinks(line) : Neutralise(line)));
    }

    /// <summary>A line with its https addresses and e-mail addresses as links and everything between them neutralised.</summary>
    private static string WithLinks(string line)
    {
        var shown = new StringBuilder(line.Length + 32);
        var at = 0;
        foreach (Match m in Linkable().Matches(line))
        {
            var target = TrimSentenceEnd(m.Value);
            // An address cut short by the length limit is not the address: it stays plain.
            var cut = m.Index + target.Length == line.Length - 1 && line.EndsWith(Ellipsis, StringComparison.Ordinal);
            var href = target.Contains('@') && !target.StartsWith("https://", StringComparison.OrdinalIgnoreCase) ? "mailto:" + target
                : Uri.TryCreate(target, UriKind.Absolute, out var uri) && uri.Scheme == Uri.UriSchemeHttps ? uri.AbsoluteUri : null;
            if (href is null || cut) continue;
            var before = line[at..m.Index];
            // A line-start marker is neutralised only where the line really starts.
            shown.Append(at == 0 ? Neutralise(before) : NeutraliseInline(before));
            shown.Append('[').Append(LinkText(target)).Append("](").Append(href.Replace("(", "%28").Replace(")", "%29")).Append(')');
            at = m.Index + target.Length;
        }
        if (at == 0) return Neutralise(line);
        return shown.Append(NeutraliseInline(line[at..])).ToString();
    }

    /// <summary>An address without the punctuation of the sentence it ends: a closing bracket only when it has no opening one.</summary>
    private static string TrimSentenceEnd(string address)
    {
        while (address.Length > 0)
        {
            var last = address[^1];
            if (last is '.' or ',' or ';' or ':' or '!' or '?' || (last == ')' && address.Count(c => c == ')') > address.Count(c => c == '(')))
                address = address[..^1];
            else break;
        }
        return address;
    }

    /// <summary>An address as link text: shown as typed, except marks that could still format it inside the brackets.</summary>
    private static string LinkText(string address)
    {
        var text = new StringBuilder(address.Length);
        for (var i = 0; i < address.Length; i++)
        {
            var c = address[i];
            // An underscore between letters or digits never starts emphasis; elsewhere it could.
            var inWord = i > 0 && i < address.Length - 1 && char.IsLetterOrDigit(address[i - 1]) && char.IsLetterOrDigit(address[i + 1]);
            text.Append(c switch
            {
                '*' => '\u2217',
                '_' when !inWord => '\u02CD',
                '`' => '\u02CB',
                '~' => '\u223C',
                '|' => '\u2223',
                _ => c,
            });
        }
        return text.ToString();
    }

    private static string NeutraliseInline(string text) => text.Length == 0 ? "" : Neutralise(text).TrimStart(WordJoiner);

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

    /// <summary>An https address (its end trimmed of sentence punctuation later), or an e-mail address.</summary>
    [GeneratedRegex(@"https://[^\s<>""'`\[\]{}|\\^\u2026]+|(?<![\w.%+-])[A-Za-z0-9._%+-]+@[A-Za-z0-9-]+(\.[A-Za-z0-9-]+)*\.[A-Za-z]{2,}(?![\w-])",
        RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex Linkable();

    [GeneratedRegex(@"\r\n|[\r\n\u0085\u2028\u2029\v\f]")]
    private static partial Regex LineBreak();

    [GeneratedRegex(@" {2,}")]
    private static partial Regex Spaces();
}
