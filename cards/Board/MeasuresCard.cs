using System.Text.Json.Nodes;

namespace TeamsSafeguarding.Cards.Board;

/// <summary>A quarter the measures can be shown for (value = its key, "2026-27 Q1").</summary>
public sealed record QuarterChoice(string Title, string Key);

/// <param name="Sections">Headings, each with its figures (label, value), in order.</param>
/// <param name="ChartDataUri">The chart as a PNG data URI, or null when it could not be drawn (the figures still show).</param>
public sealed record MeasuresCardInput(
    string QuarterWords,
    string QuarterKey,
    string? SoFar,
    IReadOnlyList<(string Heading, IReadOnlyList<(string Label, string Value)> Figures)> Sections,
    string? ChartDataUri,
    string ChartAltText,
    IReadOnlyList<QuarterChoice> Quarters);

/// <summary>
/// The board's quarterly measures: counts, a median and shares, with a chart of referrals by referring agency. Numbers
/// and agency names only (nothing about a person), so it may be shown in the coordinators' channel.
/// </summary>
public static class MeasuresCard
{
    public const string QuarterInputId = BoardVerbs.QuarterKey;

    public static AdaptiveCard Build(MeasuresCardInput input)
    {
        var body = new List<ICardElement>
        {
            BoardCardParts.Heading("Board measures"),
            new TextBlock { Text = input.QuarterWords, Spacing = Spacing.None },
        };
        if (input.SoFar is { } soFar) body.Add(new TextBlock { Text = soFar, IsSubtle = true, Size = TextSize.Small, Spacing = Spacing.None });
        if (input.ChartDataUri is { } chart)
        {
            body.Add(new TextBlock { Text = "Referrals by referring agency", Weight = TextWeight.Bolder, Separator = true });
            body.Add(new Image { Url = chart, AltText = input.ChartAltText, Size = ColumnWidth.Stretch, Spacing = Spacing.Small });
        }
        foreach (var (heading, figures) in input.Sections)
        {
            body.Add(new TextBlock { Text = heading, Weight = TextWeight.Bolder, Separator = true });
            body.Add(new FactSet { Facts = figures.Select(f => new Fact(CardText.Plain(f.Label, maxLength: 80), CardText.Plain(f.Value, maxLength: 600))).ToList() });
        }
        body.Add(new ChoiceSetInput
        {
            Id = QuarterInputId, Label = "Quarter", Value = input.QuarterKey, Separator = true,
            Choices = input.Quarters.Select(q => new Choice(q.Title, q.Key)).ToList(),
        });
        return new AdaptiveCard
        {
            Body = body,
            Actions = [BoardCardParts.Button("Show quarter", BoardVerbs.ShowMeasures, new JsonObject(), ActionStyle.Positive, AssociatedInputs.Auto)],
        };
    }
}
