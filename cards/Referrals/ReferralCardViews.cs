namespace TeamsSafeguarding.Cards.Referrals;

/// <summary>How a form field is drawn. The cards library knows nothing of the referral rules: the bot maps its form to these.</summary>
public enum FieldInputKind { Text, Multiline, Date, Number, Choice, MultiChoice, Toggle }

/// <summary>One field as the card shows it: its current (typed) value and, if any, its error shown right under it.</summary>
public sealed record FieldView(string Id, string Label, FieldInputKind Kind)
{
    public string? Value { get; init; }
    public string? Error { get; init; }
    public string? HelpText { get; init; }
    public int? MaxLength { get; init; }
    public IReadOnlyList<Choice> Choices { get; init; } = [];
}

/// <summary>One section of the form: "Section 2 of 6", its title, intro and fields.</summary>
public sealed record SectionView(string CaseId, string SectionId, string Progress, string Title, string? Intro, IReadOnlyList<FieldView> Fields)
{
    /// <summary>False on the first section: no Back button.</summary>
    public bool CanGoBack { get; init; } = true;
    /// <summary>A note above the fields, e.g. "Please correct the 3 answers marked below."</summary>
    public string? Notice { get; init; }
}
