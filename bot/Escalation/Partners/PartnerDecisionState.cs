namespace TeamsSafeguarding.Escalation.Partners;

public enum DecisionStatus
{
    /// <summary>Views are still being gathered and no majority has decided yet.</summary>
    Undecided,
    /// <summary>Decided; final. Later views are refused.</summary>
    Decided,
    /// <summary>No majority at the end of working day 10: waiting for the casting decision.</summary>
    AwaitingCastingDecision,
}

public enum DecisionMethod
{
    EarlyMajority,
    MajorityAtDeadline,
    /// <summary>The casting decision: by the chair, or by the DBM where the board has set that.</summary>
    Chair,
}

public static class DecisionMethodWords
{
    public static string Display(DecisionMethod method) => method switch
    {
        DecisionMethod.EarlyMajority => "Early majority",
        DecisionMethod.MajorityAtDeadline => "Majority at deadline",
        DecisionMethod.Chair => "Chair's casting decision",
        _ => throw new ArgumentOutOfRangeException(nameof(method), method, "Unknown decision method."),
    };
}

/// <summary>
/// The counts a channel card may show: how many agencies said each thing and which have not yet answered.
/// Counts and agencies only, never rationales or names.
/// </summary>
public sealed record ViewTally(int MeetingRequired, int NoMeeting, IReadOnlyList<PartnerAgency> WithoutView, int Threshold);

/// <summary>Where the partners' decision stands. Outcome, Method and DecidedAt are set only when Decided.</summary>
public sealed record PartnerDecisionState(
    DecisionStatus Status,
    ViewTally Tally,
    PartnerChoice? Outcome = null,
    DecisionMethod? Method = null,
    DateTimeOffset? DecidedAt = null,
    CastingDecision? Casting = null)
{
    public bool IsDecided => Status == DecisionStatus.Decided;
}
