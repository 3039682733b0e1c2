using TeamsSafeguarding.Escalation.Cases;

namespace TeamsSafeguarding.Escalation.Triage;

public enum TriageOutcomeKind
{
    /// <summary>One or more checks not met: back to the referrer with a note naming what was not evidenced.</summary>
    ReturnedToReferrer,
    /// <summary>All checks met: on to the statutory partners.</summary>
    SentToPartners,
    /// <summary>The DBM was absent and a coordinator sent it on; the partners' card says triage was not completed.</summary>
    ForwardedUntriaged,
}

/// <summary>
/// What is logged for a triage step: the decision, when, by whom (a member id), which checks failed and
/// the stage the case moves to. Notes are free text typed by people: cards may show them, logs must not.
/// </summary>
public sealed record TriageOutcome(
    TriageOutcomeKind Kind,
    CaseStage From,
    CaseStage NextStage,
    IReadOnlyList<TriageCheck> FailedChecks,
    IReadOnlyList<TriageAnswer> Answers,
    string? ReturnNote,
    string DecidedBy,
    DateTimeOffset DecidedAt)
{
    /// <summary>True when the partners must be told that triage was not completed.</summary>
    public bool NotTriaged => Kind == TriageOutcomeKind.ForwardedUntriaged;
}

/// <summary>Either an outcome or the reasons the submission cannot be accepted (never both).</summary>
public sealed record TriageResult(TriageOutcome? Outcome, IReadOnlyList<FieldError> Errors)
{
    public bool IsValid => Outcome is not null;

    public static TriageResult Ok(TriageOutcome outcome) => new(outcome, []);
    public static TriageResult Invalid(IReadOnlyList<FieldError> errors) => new(null, errors);
}
