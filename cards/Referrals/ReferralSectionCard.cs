using System.Globalization;
using System.Text.Json.Nodes;

namespace TeamsSafeguarding.Cards.Referrals;

/// <summary>
/// One step of the referral form. Typed values are shown back; each field's error sits right under that field. The
/// primary button is always first: Next (or, when the step was opened from "Check your answers", back there); Back and
/// "Save and exit" follow. Every button sends the inputs, so nothing typed is lost whichever is pressed.
/// </summary>
public static class ReferralSectionCard
{
    public const string EditingKey = "editing";

    public static AdaptiveCard Build(SectionView section)
    {
        var body = new List<ICardElement>
        {
            ReferralCardParts.Progress(section.Progress),
            ReferralCardParts.Heading(section.Title),
        };
        if (section.Intro is not null) body.Add(new TextBlock { Text = section.Intro, Spacing = Spacing.Small });
        if (section.Notice is not null) body.Add(Notice.Error(section.Notice, Spacing.Medium));
        if (section.Risks is { } risks) body.AddRange(RiskList(section, risks));
        body.AddRange(Fields(section.Fields));
        var data = StepData(section);
        var actions = new List<ICardAction>
        {
            section.Editing
                ? ReferralCardParts.Button("Check your answers", ReferralVerbs.Next, section.CaseId, ActionStyle.Positive, withInputs: true) with { Data = data }
                : ReferralCardParts.Button("Next", ReferralVerbs.Next, section.CaseId, ActionStyle.Positive, withInputs: true) with { Data = data },
        };
        if (section.CanGoBack && !section.Editing) actions.Add(ReferralCardParts.Button("Back", ReferralVerbs.Back, section.CaseId, withInputs: true) with { Data = data });
        actions.Add(ReferralCardParts.Button("Save and exit", ReferralVerbs.Save, section.CaseId, withInputs: true) with { Data = data });
        return new AdaptiveCard { Body = body, Actions = actions };
    }

    /// <summary>The fields in order; two half-width fields in a row share a row, side by side.</summary>
    private static IEnumerable<ICardElement> Fields(IReadOnlyList<FieldView> fields)
    {
        for (var i = 0; i < fields.Count; i++)
        {
            if (fields[i].Half && i + 1 < fields.Count && fields[i + 1].Half)
            {
                yield return new ColumnSet
                {
                    Columns = [new Column { Width = ColumnWidth.Weight(1), Items = [.. Field(fields[i])] }, new Column { Width = ColumnWidth.Weight(1), Items = [.. Field(fields[i + 1])] }],
                };
                i++;
            }
            else foreach (var element in Field(fields[i])) yield return element;
        }
    }

    private static IEnumerable<ICardElement> Field(FieldView field)
    {
        yield return Input(field);
        if (field.HelpText is not null) yield return new TextBlock { Text = field.HelpText, IsSubtle = true, Size = TextSize.Small, Spacing = Spacing.None };
        if (field.Error is not null) yield return ReferralCardParts.Error(field.Error);
    }

    /// <summary>
    /// Every risk in order: the open one as inputs, the others as rows that open them. Every row sends the card's
    /// inputs, so switching risks never loses what was typed.
    /// </summary>
    private static IEnumerable<ICardElement> RiskList(SectionView section, RiskListView risks)
    {
        yield return new TextBlock
        {
            Text = $"Risks ({risks.Count} of at most {risks.Max})", Weight = TextWeight.Bolder, Size = TextSize.Medium, Spacing = Spacing.Medium,
        };
        var others = risks.Others.ToDictionary(o => o.Number);
        for (var n = 1; n <= risks.Count; n++)
        {
            if (n == risks.OpenRisk)
            {
                var items = new List<ICardElement> { new TextBlock { Text = $"Risk {n}", Weight = TextWeight.Bolder } };
                items.AddRange(Fields(risks.OpenRiskFields));
                if (risks.CanRemove)
                    items.Add(ReferralCardParts.Row($"Remove risk {n}", RiskAction($"Remove risk {n}", ReferralVerbs.RemoveRisk, section, n)));
                yield return new Container { Style = ContainerStyle.Emphasis, Items = items, Separator = true };
            }
            else if (others.TryGetValue(n, out var other))
            {
                // One short line each: the whole risk, and its error in full, show when it is opened.
                yield return ReferralCardParts.Row($"Risk {n}", RiskAction($"Open risk {n}", ReferralVerbs.OpenRisk, section, n),
                    CardText.Plain(other.Summary, maxLength: other.Error is null ? 50 : 24), other.Error is null ? null : "Needs correcting", oneLine: true);
            }
        }
        yield return risks.CanAdd
            ? ReferralCardParts.Row("Add another risk", RiskAction("Add another risk", ReferralVerbs.AddRisk, section, risks.OpenRisk))
            : new TextBlock { Text = $"This referral has the most risks it can hold ({risks.Max}). Put any others in the risk assessment you link to.", IsSubtle = true, Size = TextSize.Small };
    }

    private static ExecuteAction RiskAction(string title, string verb, SectionView section, int risk) => new()
    {
        Title = title, Verb = verb, Data = StepData(section, risk), AssociatedInputs = AssociatedInputs.Auto,
    };

    // Values typed by people go back into inputs as they are (inputs are not Markdown); labels are ours.
    private static ICardElement Input(FieldView f) => f.Kind switch
    {
        // A date picker when the value is a date (or empty); a bad entry is shown back as text so it can be corrected.
        FieldInputKind.Date when f.Value is null || IsoDate(f.Value) is not null => new DateInput { Id = f.Id, Label = f.Label, Value = IsoDate(f.Value) },
        FieldInputKind.Number when f.Choices.Count > 0 && (f.Value is null || f.Choices.Any(c => c.Value == f.Value)) => Choices(f),
        FieldInputKind.Text or FieldInputKind.Multiline or FieldInputKind.Number or FieldInputKind.Date => new TextInput
        {
            Id = f.Id,
            Label = f.Label,
            Value = f.Value,
            IsMultiline = f.Kind == FieldInputKind.Multiline ? true : null,
            Placeholder = f.Kind switch
            {
                FieldInputKind.Date => "dd/mm/yyyy",
                FieldInputKind.Number => "A whole number",
                FieldInputKind.Multiline when f.MaxLength is { } max => $"Up to {max.ToString("N0", CultureInfo.GetCultureInfo("en-GB"))} characters",
                _ => null,
            },
        },
        FieldInputKind.Toggle => new ToggleInput
        {
            Id = f.Id, Title = f.Label, Value = f.Value is "true" or "yes" ? "true" : "false", ValueOn = "true", ValueOff = "false",
        },
        _ => Choices(f),
    };

    /// <summary>Single choices with more options than this are drop-downs, so a phone screen is not all radio buttons.</summary>
    public const int MaxExpandedChoices = 10;

    private static ChoiceSetInput Choices(FieldView f)
    {
        // Marked compact by the form, or a long single choice (the board's referring agencies): a drop-down.
        var compact = f.Kind != FieldInputKind.MultiChoice && (f.Compact || f.Choices.Count > MaxExpandedChoices);
        return new()
        {
            Id = f.Id,
            Label = f.Label,
            Value = f.Value,
            Choices = f.Choices,
            IsMultiSelect = f.Kind == FieldInputKind.MultiChoice ? true : null,
            Style = compact ? ChoiceInputStyle.Compact : ChoiceInputStyle.Expanded,
            Placeholder = compact ? "Choose" : null,
        };
    }

    /// <summary>The step travels with the inputs, so a stale card's answers are bound to the step they came from.</summary>
    private static JsonObject StepData(SectionView section, int? risk = null)
    {
        var data = new JsonObject { [ReferralVerbs.CaseIdKey] = section.CaseId, [ReferralVerbs.StepKey] = section.SectionId };
        // Next/Back/Save carry the open risk too, so a card shown again (with errors) keeps the same risk open.
        if ((risk ?? section.Risks?.OpenRisk) is { } n) data[ReferralVerbs.RiskKey] = n;
        if (section.Editing) data[EditingKey] = true;
        return data;
    }

    private static DateOnly? IsoDate(string? value) =>
        DateOnly.TryParseExact(value, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var d) ? d : null;
}
