namespace TeamsSafeguarding.Cards.Referrals;

/// <summary>How a form field is drawn. The cards library knows nothing of the referral rules: the bot maps its form to these.</summary>
public enum FieldInputKind { Text, Multiline, Date, Number, Choice, MultiChoice, Toggle }

/// <summary>
/// One field as the card shows it: its current (typed) value and, if any, its error shown right under it.
/// <see cref="MaxLength"/> is said in the empty field ("Up to 2,000 characters"), never set on the input: clients cut
/// longer text without a word, and the server's message next to the field is what explains.
/// </summary>
public sealed record FieldView(string Id, string Label, FieldInputKind Kind)
{
    public string? Value { get; init; }
    public string? Error { get; init; }
    public string? HelpText { get; init; }
    public int? MaxLength { get; init; }
    public IReadOnlyList<Choice> Choices { get; init; } = [];
    /// <summary>A single choice as a drop-down (long lists, scores) rather than every option on the card.</summary>
    public bool Compact { get; init; }
    /// <summary>Half width: two such fields in a row share it side by side (the risk scores), to keep the card short.</summary>
    public bool Half { get; init; }
}

/// <summary>One step of the form: "Step 2 of 12", its title, intro and fields.</summary>
public sealed record SectionView(string CaseId, string SectionId, string Progress, string Title, string? Intro, IReadOnlyList<FieldView> Fields)
{
    /// <summary>False on the first step: no Back button.</summary>
    public bool CanGoBack { get; init; } = true;
    /// <summary>Opened from "Check your answers": its button goes back there rather than on to the next step.</summary>
    public bool Editing { get; init; }
    /// <summary>A note above the fields, e.g. "Please correct the 3 answers marked below."</summary>
    public string? Notice { get; init; }
    /// <summary>The list of risks, drawn before the fields; null on other steps.</summary>
    public RiskListView? Risks { get; init; }
}

/// <summary>A risk that is not open: one line, and its first error if it has any.</summary>
public sealed record RiskSummaryView(int Number, string Summary, string? Error);

/// <summary>
/// The risks on the risks step: the open one's inputs in full, every other one as a row that opens it.
/// One open at a time keeps the card the same size however many risks there are.
/// </summary>
public sealed record RiskListView(int OpenRisk, int Count, int Max, IReadOnlyList<FieldView> OpenRiskFields, IReadOnlyList<RiskSummaryView> Others)
{
    public bool CanAdd => Count < Max;
    public bool CanRemove { get; init; } = true;
}
