namespace TeamsSafeguarding.Escalation.Referrals;

/// <summary>How a field is entered; maps one-to-one onto Adaptive Card inputs.</summary>
public enum FieldKind
{
    Text,
    Multiline,
    Date,
    Number,
    Choice,
    MultiChoice,
    Toggle,
}

/// <summary>Extra checks on a Text field (and the Input.Text style a card may use).</summary>
public enum TextFormat
{
    Plain,
    Email,
    Telephone,
    Url,
    NhsNumber,
}

/// <summary>Extra checks on a Date field.</summary>
public enum DateRule
{
    None,
    NotInFuture,
    /// <summary>Not in the future, and the person is 18 or over today.</summary>
    AdultDateOfBirth,
}

/// <summary>One option: its value, its words, and any small print read back with it (e.g. the legal reference).</summary>
public sealed record FieldChoice(string Value, string Title, string? SmallPrint = null);

/// <summary>
/// One question on the referral form. The card builder renders it; validation reads the same definition,
/// so the rules a card shows (required, max length, 1-5, choices) are the rules the server enforces.
/// </summary>
public sealed record FormField(string Id, string Label, FieldKind Kind)
{
    /// <summary>Always required. Fields required only in some circumstances say so in HelpText.</summary>
    public bool Required { get; init; }
    public string? HelpText { get; init; }
    /// <summary>Message when a required field is empty, e.g. "Enter the date of birth".</summary>
    public string? MissingMessage { get; init; }
    /// <summary>What the field is called inside error messages, e.g. "Likelihood". Defaults to Label.</summary>
    public string? Noun { get; init; }
    /// <summary>Text and Multiline only.</summary>
    public int? MaxLength { get; init; }
    public TextFormat Format { get; init; } = TextFormat.Plain;
    public DateRule DateRule { get; init; } = DateRule.None;
    /// <summary>Number only: inclusive bounds.</summary>
    public int? Min { get; init; }
    public int? Max { get; init; }
    /// <summary>Choice and MultiChoice (and a Number chosen from a list) only.</summary>
    public IReadOnlyList<FieldChoice> Choices { get; init; } = [];
    /// <summary>A single choice shown as a drop-down rather than a list of options: long lists, on a phone.</summary>
    public bool Compact { get; init; }
    /// <summary>MultiChoice only: fewest options that must be chosen, with its message.</summary>
    public int MinSelections { get; init; }
    public string? MinSelectionsMessage { get; init; }
    /// <summary>Set on the fields of the Nth risk (1-based); null for ordinary fields.</summary>
    public int? RiskNumber { get; init; }

    public string NounOrLabel => Noun ?? Label;

    public string? ChoiceTitle(string value) =>
        Choices.FirstOrDefault(c => string.Equals(c.Value, value, StringComparison.OrdinalIgnoreCase))?.Title;
}
