using System.Text.Json.Nodes;

namespace TeamsSafeguarding.Cards.Referrals;

/// <summary>Pieces every referral card shares.</summary>
internal static class ReferralCardParts
{
    public static JsonObject DataFor(string? caseId) =>
        caseId is null ? new JsonObject() : new JsonObject { [ReferralVerbs.CaseIdKey] = caseId };

    public static ExecuteAction Button(string title, string verb, string? caseId, ActionStyle? style = null, bool withInputs = false) => new()
    {
        Title = title,
        Verb = verb,
        Style = style,
        Data = DataFor(caseId),
        AssociatedInputs = withInputs ? Cards.AssociatedInputs.Auto : Cards.AssociatedInputs.None,
    };

    public static TextBlock Heading(string text) => new() { Text = text, Size = TextSize.Large, Weight = TextWeight.Bolder };

    /// <summary>"Step 3 of 12", small, above a heading.</summary>
    public static TextBlock Progress(string text) => new() { Text = text, IsSubtle = true, Size = TextSize.Small };

    public static Container Error(string text) => Notice.Error(CardText.Plain(text, maxLength: 300));

    /// <summary>
    /// One row of a list, the whole row one tap target (its selectAction): a title in the accent colour with "›", and an
    /// optional line under it; a row that needs attention says so in words at the start of that line (a tinted row would
    /// put the accent colour on the tint, below 4.5:1 in the dark theme). Lists use rows rather than a button each, so a
    /// card keeps to a few buttons however long the list. <paramref name="title"/> and <paramref name="detail"/> must
    /// already be safe markdown.
    /// </summary>
    public static Container Row(string title, ExecuteAction action, string? detail = null, string? attention = null, bool oneLine = false)
    {
        var heading = new TextBlock { Text = $"{title} \u203A", Color = TextColor.Accent, Weight = TextWeight.Bolder };
        var line = string.Join(" \u00B7 ", new[] { attention is null ? null : $"**{attention}**", detail }.OfType<string>());
        var under = new TextBlock { Text = line, Size = TextSize.Small, Spacing = Spacing.None };
        // One line: the title with its detail beside it, for long lists of short rows.
        IReadOnlyList<ICardElement> items = line.Length == 0 ? [heading]
            : oneLine ? [new ColumnSet { Columns = [new Column { Width = ColumnWidth.Auto, Items = [heading] }, new Column { Width = ColumnWidth.Stretch, Items = [under with { Spacing = null }] }] }]
            : [heading, under];
        return new Container { Items = items, SelectAction = action, Separator = true, Spacing = Spacing.Small };
    }

    /// <summary>
    /// Answers read as "label, then the answer below it", several to a TextBlock (one element per answer would
    /// double the card's size); an answer's error sits right under it. <paramref name="shown"/> gives the
    /// answer's text, already through <see cref="CardText.Plain"/>.
    /// </summary>
    public static IEnumerable<ICardElement> Answers(IReadOnlyList<ReviewLineView> lines, Func<ReviewLineView, string> shown)
    {
        var paragraphs = new List<string>();
        foreach (var line in lines)
        {
            // Labels are ours; the bold marks cannot be closed by the answer, whose * are neutralised by CardText.Plain.
            paragraphs.Add($"**{line.Label}**\n\n{shown(line)}");
            if (line.Error is null) continue;
            yield return AnswerBlock(paragraphs);
            paragraphs.Clear();
            yield return Error(line.Error);
        }
        if (paragraphs.Count > 0) yield return AnswerBlock(paragraphs);
    }

    private static TextBlock AnswerBlock(List<string> paragraphs) => new() { Text = string.Join("\n\n", paragraphs), Spacing = Spacing.Small };

    /// <summary>
    /// Typed text through <see cref="CardText.Plain"/> (https links and e-mail addresses as real links), cut at
    /// <paramref name="maxLength"/> (never inside an emoji) and, when cut, followed by <paramref name="note"/> so nobody
    /// mistakes it for the whole answer.
    /// </summary>
    public static string Shortened(string text, int maxLength, string note)
    {
        var shown = CardText.Plain(text, maxLength, keepLineBreaks: true, links: true);
        if (text.Length <= maxLength) return shown;
        var whole = CardText.Plain(text, text.Length, keepLineBreaks: true, links: true);
        return shown == whole ? shown : shown + " " + note;
    }
}
