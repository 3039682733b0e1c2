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

    public static TextBlock Error(string text) => new()
    {
        Text = CardText.Plain(text, maxLength: 300), Color = TextColor.Attention, Size = TextSize.Small, Spacing = Spacing.None,
    };

    /// <summary>
    /// Answers read as "label, then the answer below it", several to a TextBlock (one element per answer would
    /// double the card's size); an answer's error sits in red right under it. <paramref name="shown"/> gives the
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
    /// Typed text through <see cref="CardText.Plain"/>, cut at <paramref name="maxLength"/> (never inside an emoji)
    /// and, when cut, followed by <paramref name="note"/> so nobody mistakes it for the whole answer.
    /// </summary>
    public static string Shortened(string text, int maxLength, string note)
    {
        var shown = CardText.Plain(text, maxLength, keepLineBreaks: true);
        if (text.Length <= maxLength) return shown;
        var whole = CardText.Plain(text, text.Length, keepLineBreaks: true);
        return shown == whole ? shown : shown + " " + note;
    }
}
