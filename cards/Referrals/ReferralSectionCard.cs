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
        foreach (var field in section.Fields)
        {
            body.Add(Input(field));
            if (field.HelpText is not null) body.Add(new TextBlock { Text = field.HelpText, IsSubtle = true, Size = TextSize.Small, Spacing = Spacing.None });
            if (field.Error is not null) body.Add(ReferralCardParts.Error(field.Error));
        }
        var actions = new List<ICardAction>();
        if (section.CanGoBack) actions.Add(ReferralCardParts.Button("Back", ReferralVerbs.Back, section.CaseId, withInputs: true) with { Data = StepData(section) });
        actions.Add(ReferralCardParts.Button("Next", ReferralVerbs.Next, section.CaseId, ActionStyle.Positive, withInputs: true) with { Data = StepData(section) });
        actions.Add(ReferralCardParts.Button("Save and exit", ReferralVerbs.Save, section.CaseId, withInputs: true) with { Data = StepData(section) });
        return new AdaptiveCard { Body = body, Actions = actions };
    }

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
            Style = ChoiceInputStyle.Expanded,
        },
    };

    /// <summary>The step travels with the inputs, so a stale card's answers are bound to the section they came from.</summary>
    private static System.Text.Json.Nodes.JsonObject StepData(SectionView section) =>
        new() { [ReferralVerbs.CaseIdKey] = section.CaseId, [ReferralVerbs.StepKey] = section.SectionId };

    private static DateOnly? IsoDate(string? value) =>
        DateOnly.TryParseExact(value, "yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture, System.Globalization.DateTimeStyles.None, out var d) ? d : null;
}
