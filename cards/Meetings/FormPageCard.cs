using System.Text.Json.Nodes;

namespace TeamsSafeguarding.Cards.Meetings;

/// <summary>How a form field is entered on a page.</summary>
public enum PageFieldKind { Text, LongText, Date, Choice, Radio, Checkboxes }

/// <summary>A choice on a page: what people see and the value sent back.</summary>
public sealed record PageChoice(string Value, string Title);

/// <summary>
/// One input on a page: its id (the bot's field id), label (an optional field ends "(optional)"), kind, the value as typed
/// so far, its choices, and the problem with it, shown right under it.
/// </summary>
public sealed record PageField(string Id, string Label, PageFieldKind Kind)
{
    public string? Value { get; init; }
    public IReadOnlyList<PageChoice> Choices { get; init; } = [];
    public string? Error { get; init; }
    public DateOnly? Min { get; init; }
    /// <summary>A line of help under the label.</summary>
    public string? Hint { get; init; }
}

/// <summary>A row of a list on a page (e.g. an action already added): tapping it runs its action (no button per row).</summary>
public sealed record PageRow(string Text, string? Detail = null, string? Verb = null, JsonObject? Data = null);

/// <summary>A button: the first is the primary one when <see cref="Primary"/> (always the first of the bar).</summary>
public sealed record PageButton(string Title, string Verb, JsonObject Data, bool Primary = false, bool WithInputs = true);

/// <summary>
/// A short page of a form or a private view (every text shown is passed through CardText.Plain, so typed text stays text): heading, "Step N of M", hints, facts, a list, the inputs with their errors,
/// and at most three buttons, the primary first. Every form of the review meeting (arrangement, choosing the time, the
/// record, marking an action done, the review) is drawn by it, so they all look and behave alike on a phone.
/// </summary>
public sealed record FormPageInput(string Heading)
{
    public string? Step { get; init; }
    public IReadOnlyList<string> Hints { get; init; } = [];
    public IReadOnlyList<Fact> Facts { get; init; } = [];
    /// <summary>Already typed text shown read-only (plain: passed through CardText.Plain here).</summary>
    public IReadOnlyList<(string Title, string Text)> Texts { get; init; } = [];
    public string? ListTitle { get; init; }
    public IReadOnlyList<PageRow> Rows { get; init; } = [];
    public IReadOnlyList<PageField> Fields { get; init; } = [];
    /// <summary>A problem with the page as a whole, or a success, shown above the inputs.</summary>
    public string? Error { get; init; }
    public string? Success { get; init; }
    public string? Warning { get; init; }
    public IReadOnlyList<PageButton> Buttons { get; init; } = [];
    /// <summary>A link button (e.g. join the meeting), after the others.</summary>
    public (string Title, Uri Url)? Link { get; init; }
}

public static class FormPageCard
{
    public const int MaxButtons = 3;

    public static AdaptiveCard Build(FormPageInput input)
    {
        var body = new List<ICardElement> { MeetingCardParts.Heading(input.Heading) };
        if (input.Step is { } step) body.Add(new TextBlock { Text = step, Weight = TextWeight.Bolder, Spacing = Spacing.Small });
        body.AddRange(input.Hints.Select(h => MeetingCardParts.Hint(CardText.Plain(h, 1000))));
        if (input.Success is { } success) body.Add(Notice.Success(CardText.Plain(success)));
        if (input.Warning is { } warning) body.Add(Notice.Warning(CardText.Plain(warning)));
        if (input.Error is { } error) body.Add(Notice.Error(CardText.Plain(error)));
        if (input.Facts.Count > 0) body.Add(new FactSet { Facts = [.. input.Facts.Select(f => new Fact(CardText.Plain(f.Title, 100), CardText.Plain(f.Value, 1000)))] });
        foreach (var (title, text) in input.Texts)
        {
            body.Add(new TextBlock { Text = title, Weight = TextWeight.Bolder, Separator = true });
            body.Add(new TextBlock { Text = CardText.Plain(text, 4000, keepLineBreaks: true), Spacing = Spacing.Small });
        }
        if (input.ListTitle is { } listTitle) body.Add(new TextBlock { Text = listTitle, Weight = TextWeight.Bolder, Separator = true });
        foreach (var row in input.Rows) body.Add(Row(row));
        foreach (var field in input.Fields) body.AddRange(Field(field));

        var buttons = input.Buttons.Select(b => (ICardAction)new ExecuteAction
        {
            Title = b.Title,
            Verb = b.Verb,
            Data = b.Data,
            Style = b.Primary ? ActionStyle.Positive : null,
            AssociatedInputs = b.WithInputs ? null : AssociatedInputs.None,
        }).ToList();
        if (input.Link is { } link) buttons.Add(new OpenUrlAction { Title = link.Title, Url = link.Url });
        if (buttons.Count > MaxButtons) throw new ArgumentException($"A page has at most {MaxButtons} buttons.", nameof(input));
        return new AdaptiveCard { Body = body, Actions = buttons };
    }

    private static Container Row(PageRow row) => new()
    {
        Separator = true,
        // The page's inputs go with a row's tap too, so what was typed on the page is kept when moving to the row's page.
        SelectAction = row.Verb is null ? null : new ExecuteAction { Title = row.Text, Verb = row.Verb, Data = row.Data },
        Items =
        [
            new TextBlock { Text = CardText.Plain(row.Text, 300), Weight = row.Verb is null ? null : TextWeight.Bolder },
            .. row.Detail is { } detail ? [new TextBlock { Text = CardText.Plain(detail, 300), IsSubtle = true, Spacing = Spacing.None }] : Array.Empty<ICardElement>(),
        ],
    };

    private static IEnumerable<ICardElement> Field(PageField field)
    {
        if (field.Hint is { } hint) yield return MeetingCardParts.Hint(CardText.Plain(hint, 500));
        var choices = field.Choices.Select(c => new Choice(c.Title, c.Value)).ToList();
        yield return field.Kind switch
        {
            PageFieldKind.Text => new TextInput { Id = field.Id, Label = field.Label, Value = field.Value },
            PageFieldKind.LongText => new TextInput { Id = field.Id, Label = field.Label, Value = field.Value, IsMultiline = true },
            PageFieldKind.Date => new DateInput
            {
                Id = field.Id, Label = field.Label, Min = field.Min,
                Value = DateOnly.TryParseExact(field.Value, "yyyy-MM-dd", out var d) ? d : null,
            },
            PageFieldKind.Choice => new ChoiceSetInput { Id = field.Id, Label = field.Label, Value = field.Value, Choices = choices },
            PageFieldKind.Radio => new ChoiceSetInput { Id = field.Id, Label = field.Label, Value = field.Value, Choices = choices, Style = ChoiceInputStyle.Expanded },
            _ => new ChoiceSetInput { Id = field.Id, Label = field.Label, Value = field.Value, Choices = choices, Style = ChoiceInputStyle.Expanded, IsMultiSelect = true },
        };
        if (field.Error is { } error) yield return Notice.Error(CardText.Plain(error));
    }
}
