using TeamsSafeguarding.Cards;
using Xunit;

namespace TeamsSafeguarding.Tests.Cards;

public class CardTextTests
{
    /// <summary>Characters that make emphasis, code, strikethrough or tables anywhere in a line.</summary>
    private const string MarkdownAnywhere = "*_`~|";

    /// <summary>Sequences that make links, images, autolinks, HTML, escapes or entities anywhere in a line.</summary>
    private const string MarkdownSequences = @"\]\(|\]\[|<[A-Za-z/!?]|\\[!-/:-@\[-`{-~]|&#?[A-Za-z0-9]+;|://|www\.|[A-Za-z0-9.]@";

    public static readonly string[] NastyTexts =
    [
        "[click here](https://evil.example/steal)",
        "![img](https://evil.example/pixel.png)",
        "<https://evil.example>",
        "**bold** __bold__ *italic* _italic_",
        "```\ncode fence\n```",
        "`inline code`",
        "# Heading\n## Smaller",
        "- bullet\n+ plus\n* star",
        "1. first\n2) second\n10. tenth",
        "> quoted\n>> nested",
        "| a | b |\n|---|---|\n| 1 | 2 |",
        "~~struck~~",
        "<b>html</b><script>alert(1)</script>",
        "\\*escaped\\* \\[x\\]",
        "text\n\n# injected heading after blank line",
        "    indented code block",
        "[ref]: https://evil.example\n[ref]",
        "&lt;b&gt; &#42; &copy;",
        "=====\n-----\n***\n___",
        "http://evil.example and WWW.EVIL.EXAMPLE and mailto:x@evil.example",
    ];

    public static TheoryData<string> NastyInputs => [.. NastyTexts];

    [Theory]
    [MemberData(nameof(NastyInputs))]
    public void No_markdown_character_survives(string input)
    {
        var safe = CardText.Plain(input, keepLineBreaks: true);

        Assert.DoesNotContain(safe, c => MarkdownAnywhere.Contains(c));
        Assert.DoesNotMatch(MarkdownSequences, safe);
        Assert.NotEmpty(safe);
    }

    [Theory]
    [MemberData(nameof(NastyInputs))]
    public void No_line_starts_a_heading_list_or_code_block(string input)
    {
        var lines = CardText.Plain(input, keepLineBreaks: true).Split('\n');

        foreach (var line in lines.Where(l => l.Length > 0))
        {
            Assert.DoesNotMatch(@"^(\s|[#\-+>\[=]|\d+[.)])", line);
        }
    }

    // Ordinal comparisons: culture-aware ones ignore the invisible word joiner that breaks these sequences.
    [Fact]
    public void A_link_cannot_be_formed_and_web_addresses_are_not_linkable()
    {
        var safe = CardText.Plain("[click](https://evil.example) or www.evil.example");

        Assert.DoesNotContain("](", safe, StringComparison.Ordinal);
        Assert.DoesNotContain("://", safe, StringComparison.Ordinal);
        Assert.DoesNotContain("www.", safe, StringComparison.Ordinal);
        Assert.Contains("evil.example", safe); // still readable
    }

    [Fact]
    public void With_links_an_https_address_and_an_email_become_links_shown_and_copied_as_typed()
    {
        var shown = CardText.Plain("See https://records.example.org/ra/1_a?x=2, or write to sam.worker@example.org.", links: true);

        Assert.Equal("See [https://records.example.org/ra/1_a?x=2](https://records.example.org/ra/1_a?x=2), or write to " +
            "[sam.worker@example.org](mailto:sam.worker@example.org).", shown);
        Assert.DoesNotContain("\u2060", shown, StringComparison.Ordinal); // nothing invisible in what is copied
    }

    [Theory]
    [InlineData("http://records.example.org/ra/1")]
    [InlineData("javascript:alert(1)")]
    [InlineData("ftp://records.example.org/ra")]
    public void With_links_anything_but_https_stays_plain_text(string typed)
    {
        var shown = CardText.Plain($"see {typed} here", links: true);

        Assert.DoesNotContain("](", shown, StringComparison.Ordinal);
        Assert.Equal($"see {typed} here", shown.Replace("\u2060", ""));
    }

    [Fact]
    public void With_links_a_typed_link_shows_its_real_address_and_markdown_around_it_is_still_neutralised()
    {
        var shown = CardText.Plain("**Click** [here](https://evil.example/a) ![x](https://evil.example/p.png)\n# next", links: true, keepLineBreaks: true);

        Assert.DoesNotContain("[here](", shown, StringComparison.Ordinal);
        Assert.Contains("[https://evil.example/a](https://evil.example/a)", shown);
        Assert.Contains("\u2217\u2217Click\u2217\u2217", shown);
        Assert.StartsWith("\u2060#", shown.Split("\n\n")[1]);
        // An address with brackets cannot close the link early.
        Assert.Contains("(https://example.org/a%28b%29)", CardText.Plain("https://example.org/a(b)", links: true));
    }

    [Fact]
    public void With_links_an_address_cut_short_by_the_limit_is_not_a_link()
    {
        var shown = CardText.Plain("https://records.example.org/a-very-long-path", maxLength: 30, links: true);

        Assert.DoesNotContain("](", shown, StringComparison.Ordinal);
        Assert.EndsWith("\u2026", shown);
    }

    [Fact]
    public void Ordinary_text_is_unchanged()
    {
        const string text = "Mrs Smith-Jones, 82, lives alone; GP visited on 2025-03-04. A&E twice: 40% worse?";

        Assert.Equal(text, CardText.Plain(text));
    }

    [Fact]
    public void An_email_address_cannot_become_a_mailto_link_but_reads_as_typed()
    {
        var safe = CardText.Plain("mailto:x@evil.example or jo.bloggs@nhs.net");

        Assert.DoesNotMatch("[A-Za-z0-9.]@", safe);
        Assert.Equal("mailto:x@evil.example or jo.bloggs@nhs.net", safe.Replace("\u2060", ""));
    }

    [Fact]
    public void Html_entities_are_shown_as_typed_not_decoded()
    {
        var safe = CardText.Plain("&lt;b&gt;");

        Assert.DoesNotContain("&lt;", safe, StringComparison.Ordinal);
        Assert.Equal("&lt;b&gt;", safe.Replace("\u2060", ""));
    }

    [Fact]
    public void Only_emphasis_marks_change_visibly_the_rest_reads_as_typed()
    {
        const string text = "*urgent* [GP] (see notes) a<b> # 1 - 2 + 3 > 4 \\path 10. x";

        var safe = CardText.Plain(text);

        Assert.Equal("\u2217urgent\u2217 [GP] (see notes) a<b> # 1 - 2 + 3 > 4 \\path 10. x", safe.Replace("\u2060", ""));
    }

    [Theory]
    [InlineData("- item")]
    [InlineData("+ item")]
    [InlineData("# heading")]
    [InlineData("> quote")]
    [InlineData("[ref]: https://evil.example")]
    [InlineData("1. first")]
    [InlineData("2) second")]
    public void A_line_that_would_start_markdown_starts_with_an_invisible_word_joiner(string line)
    {
        var safe = CardText.Plain(line);

        Assert.Equal('\u2060', safe[0]);
        Assert.Equal(line, safe.Replace("\u2060", ""));
    }

    [Fact]
    public void Control_and_direction_override_characters_are_removed()
    {
        var safe = CardText.Plain("a\u0000b\u0007c\u001Bd\u202Eevil\u202C\u2066x\u2069\u200Fe");

        Assert.Equal("abcdevilxe", safe.Replace(" ", ""));
        Assert.DoesNotContain(safe, char.IsControl);
    }

    [Fact]
    public void Line_breaks_become_spaces_by_default_and_paragraphs_when_asked()
    {
        const string text = "first line\r\nsecond\n\n\n third\u2028fourth";

        Assert.Equal("first line second third fourth", CardText.Plain(text));
        Assert.Equal("first line\n\nsecond\n\nthird\n\nfourth", CardText.Plain(text, keepLineBreaks: true));
    }

    [Fact]
    public void White_space_is_collapsed_and_trimmed()
    {
        Assert.Equal("a b c", CardText.Plain("  a \t  b\u00A0\u00A0c   "));
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("   \n\t ")]
    [InlineData("\u0000\u0001")]
    public void Nothing_typed_gives_empty_text(string? input)
    {
        Assert.Equal("", CardText.Plain(input));
    }

    [Fact]
    public void Long_text_is_cut_with_an_ellipsis_within_the_limit()
    {
        var safe = CardText.Plain(new string('a', 1000), maxLength: 100);

        Assert.Equal(100, safe.Length);
        Assert.EndsWith("\u2026", safe);
        Assert.Equal(CardText.DefaultMaxLength, CardText.Plain(new string('b', 5000)).Length);
    }

    [Fact]
    public void Cutting_never_splits_an_emoji()
    {
        var safe = CardText.Plain("abcd" + string.Concat(Enumerable.Repeat("\U0001F600", 10)), maxLength: 8);

        Assert.DoesNotContain(safe, c => c == '\uFFFD');
        Assert.False(safe.Where(char.IsHighSurrogate).Count() != safe.Where(char.IsLowSurrogate).Count());
        Assert.True(safe.Length <= 8);
    }

    [Fact]
    public void A_lone_surrogate_is_replaced()
    {
        Assert.Equal("a\uFFFDb", CardText.Plain("a\uD800b"));
    }

    [Fact]
    public void Text_is_not_longer_than_asked_even_with_many_line_breaks()
    {
        var safe = CardText.Plain(string.Join("\n", Enumerable.Repeat("x", 100)), maxLength: 50, keepLineBreaks: true);

        Assert.True(safe.Replace("\n\n", "\n").Length <= 50);
    }
}
