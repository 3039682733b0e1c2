namespace TeamsSafeguarding.Cards.Referrals;

/// <summary>
/// One section of the referral form. Typed values are shown back; each field's error sits in red right under
/// that field. Back, Next and Save all send the inputs, so nothing typed is lost whichever is pressed.
/// </summary>
public static class ReferralSectionCard
{
    public static AdaptiveCard Build(SectionView section)
    {
        var body = new List<ICardElement>
        {
            new TextBlock { Text = section.Progress, IsSubtle = true, Size = TextSize.Small },
            ReferralCardParts.Heading(section.Title),
        };
        if (section.Intro is not null) body.Add(new TextBlock { Text = section.Intro, Spacing = Spacing.Small });
        if (section.Notice is not null)
            body.Add(new Container { Style = ContainerStyle.Attention, Items = [new TextBlock { Text = section.Notice }] });
        var risksDrawn = false;
        foreach (var field in section.Fields)
        {
            if (section.Risks is { } risks && risks.BeforeFieldId == field.Id)
            {
                body.AddRange(RiskList(section, risks));
                risksDrawn = true;
            }
            body.AddRange(Field(field));
        }
        if (section.Risks is { } rest && !risksDrawn) body.AddRange(RiskList(section, rest));
        var actions = new List<ICardAction>();
        if (section.CanGoBack) actions.Add(ReferralCardParts.Button("Back", ReferralVerbs.Back, section.CaseId, withInputs: true) with { Data = StepData(section) });
        actions.Add(ReferralCardParts.Button("Next", ReferralVerbs.Next, section.CaseId, ActionStyle.Positive, withInputs: true) with { Data = StepData(section) });
        actions.Add(ReferralCardParts.Button("Save and exit", ReferralVerbs.Save, section.CaseId, withInputs: true) with { Data = StepData(section) });
        return new AdaptiveCard { Body = body, Actions = actions };
    }

    private static IEnumerable<ICardElement> Field(FieldView field)
    {
        yield return Input(field);
        if (field.HelpText is not null) yield return new TextBlock { Text = field.HelpText, IsSubtle = true, Size = TextSize.Small, Spacing = Spacing.None };
        if (field.Error is not null) yield return ReferralCardParts.Error(field.Error);
    }

    /// <summary>
    /// Every risk in order: the open one as inputs (with "Remove this risk"), the others as a summary line with
    /// "Edit". All risk buttons send the card's inputs, so switching risks never loses what was typed.
    /// </summary>
    private static IEnumerable<ICardElement> RiskList(SectionView section, RiskListView risks)
    {
        yield return new TextBlock
        {
            Text = $"Risks ({risks.Count} of at most {risks.Max})", Weight = TextWeight.Bolder, Size = TextSize.Medium, Separator = true, Spacing = Spacing.Medium,
        };
        yield return new TextBlock { Text = "One risk is open at a time. What you type is kept when you open another.", IsSubtle = true, Size = TextSize.Small, Spacing = Spacing.None };
        var others = risks.Others.ToDictionary(o => o.Number);
        for (var n = 1; n <= risks.Count; n++)
        {
            if (n == risks.OpenRisk)
            {
                var items = new List<ICardElement> { new TextBlock { Text = $"Risk {n}", Weight = TextWeight.Bolder } };
                foreach (var field in risks.OpenRiskFields) items.AddRange(Field(field));
                if (risks.CanRemove)
                    items.Add(new ActionSet { Actions = [RiskButton("Remove this risk", ReferralVerbs.RemoveRisk, section, n, ActionStyle.Destructive)] });
                yield return new Container { Style = ContainerStyle.Emphasis, Items = items };
            }
            else if (others.TryGetValue(n, out var other))
            {
                var items = new List<ICardElement> { new TextBlock { Text = $"Risk {n}: {CardText.Plain(other.Summary, maxLength: 120)}" } };
                if (other.Error is not null) items.Add(ReferralCardParts.Error($"Needs correcting: {other.Error}"));
                items.Add(new ActionSet { Actions = [RiskButton($"Edit risk {n}", ReferralVerbs.OpenRisk, section, n)] });
                yield return new Container { Separator = true, Items = items };
            }
        }
        yield return risks.CanAdd
            ? new ActionSet { Actions = [RiskButton("Add another risk", ReferralVerbs.AddRisk, section, risks.OpenRisk)] }
            : new TextBlock { Text = $"This referral has the most risks it can hold ({risks.Max}). Put any others in the risk assessment you link to.", IsSubtle = true, Size = TextSize.Small };
    }

    private static ExecuteAction RiskButton(string title, string verb, SectionView section, int risk, ActionStyle? style = null) =>
        ReferralCardParts.Button(title, verb, section.CaseId, style, withInputs: true) with { Data = StepData(section, risk) };

    // Values typed by people go back into inputs as they are (inputs are not Markdown); labels are ours.
    private static ICardElement Input(FieldView f) => f.Kind switch
    {
        // A date picker when the value is a date (or empty); a bad entry is shown back as text so it can be corrected.
        FieldInputKind.Date when f.Value is null || IsoDate(f.Value) is not null => new DateInput { Id = f.Id, Label = f.Label, Value = IsoDate(f.Value) },
        FieldInputKind.Text or FieldInputKind.Multiline or FieldInputKind.Number or FieldInputKind.Date => new TextInput
        {
            Id = f.Id,
            Label = f.Label,
            Value = f.Value,
            IsMultiline = f.Kind == FieldInputKind.Multiline ? true : null,
            MaxLength = f.MaxLength,
            Placeholder = f.Kind switch
            {
                FieldInputKind.Date => "dd/mm/yyyy",
                FieldInputKind.Number => "A whole number",
                _ => null,
            },
        },
        FieldInputKind.Toggle => new ToggleInput
        {
            Id = f.Id, Title = f.Label, Value = f.Value is "true" or "yes" ? "true" : "false", ValueOn = "true", ValueOff = "false",
        },
        _ => new ChoiceSetInput
        {
            Id = f.Id,
            Label = f.Label,
            Value = f.Value,
            Choices = f.Choices,
            IsMultiSelect = f.Kind == FieldInputKind.MultiChoice ? true : null,
            // A long single choice (the board's referring agencies) is a drop-down, so a phone screen is not all radio buttons.
            Style = f.Kind == FieldInputKind.Choice && f.Choices.Count > MaxExpandedChoices ? ChoiceInputStyle.Compact : ChoiceInputStyle.Expanded,
            Placeholder = f.Kind == FieldInputKind.Choice && f.Choices.Count > MaxExpandedChoices ? "Choose one" : null,
        },
    };

    /// <summary>Single choices with more options than this are drop-downs.</summary>
    public const int MaxExpandedChoices = 10;

    /// <summary>The step travels with the inputs, so a stale card's answers are bound to the section they came from.</summary>
    private static System.Text.Json.Nodes.JsonObject StepData(SectionView section, int? risk = null)
    {
        var data = new System.Text.Json.Nodes.JsonObject { [ReferralVerbs.CaseIdKey] = section.CaseId, [ReferralVerbs.StepKey] = section.SectionId };
        // Next/Back/Save carry the open risk too, so a card shown again (with errors) keeps the same risk open.
        if ((risk ?? section.Risks?.OpenRisk) is { } n) data[ReferralVerbs.RiskKey] = n;
        return data;
    }

    private static DateOnly? IsoDate(string? value) =>
        DateOnly.TryParseExact(value, "yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture, System.Globalization.DateTimeStyles.None, out var d) ? d : null;
}
