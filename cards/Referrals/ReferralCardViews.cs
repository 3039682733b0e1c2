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
    /// <summary>The list of risks, drawn just before the field named <see cref="RiskListView.BeforeFieldId"/>; null on other sections.</summary>
    public RiskListView? Risks { get; init; }
}

/// <summary>A risk that is not open: one line, and its first error if it has any.</summary>
public sealed record RiskSummaryView(int Number, string Summary, string? Error);

/// <summary>
/// The risks on a section card: the open one's inputs in full, every other one as a summary with an "Edit" button.
/// One open at a time keeps the card the same size however many risks there are.
/// </summary>
public sealed record RiskListView(int OpenRisk, int Count, int Max, IReadOnlyList<FieldView> OpenRiskFields, IReadOnlyList<RiskSummaryView> Others)
{
    public string? BeforeFieldId { get; init; }
    public bool CanAdd => Count < Max;
    public bool CanRemove { get; init; } = true;
}
