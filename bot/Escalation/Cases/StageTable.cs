using TeamsSafeguarding.Escalation.Process;

namespace TeamsSafeguarding.Escalation.Cases;

/// <summary>One permitted move between stages: who makes it and why, in the board's words.</summary>
public sealed record StageMove(CaseStage From, CaseStage To, string By, string Cause);

/// <summary>
/// Every stage a case can be in and every move between them, as one table a newcomer can read (domain.md section 2,
/// and the review meeting's loop). A move not in the table is refused, so a stale card or a double click can never
/// push a case somewhere the process does not go. The board's process profile switches optional moves on or off.
/// To add a stage: add it to <see cref="CaseStage"/> and <see cref="CaseStageWords"/>, add its rows here, and write
/// the <see cref="Case"/> method (one decision) that makes the move.
/// </summary>
public sealed class StageTable
{
    private static readonly StageMove[] Reference =
    [
        //  from                          to                            by                                 cause
        new(CaseStage.Draft,             CaseStage.Received,          "referrer",                         "submitted (route gates pass, senior manager named)"),
        new(CaseStage.Received,          CaseStage.InTriage,          "deputy board manager",             "triage started"),
        new(CaseStage.Received,          CaseStage.WithPartners,      "deputy board manager",             "triage checks met, sent to the statutory partners"),
        new(CaseStage.Received,          CaseStage.Returned,          "deputy board manager",             "triage checks not met, returned naming the unmet items"),
        new(CaseStage.InTriage,          CaseStage.WithPartners,      "deputy board manager",             "triage checks met, sent to the statutory partners"),
        new(CaseStage.InTriage,          CaseStage.Returned,          "deputy board manager",             "triage checks not met, returned naming the unmet items"),
        new(CaseStage.Returned,          CaseStage.Received,          "referrer",                         "amended version resubmitted"),
        new(CaseStage.WithPartners,      CaseStage.NoMeeting,         "statutory partners (or the chair)", "decided that no meeting is required"),
        new(CaseStage.WithPartners,      CaseStage.MeetingRequired,   "statutory partners (or the chair)", "decided that a meeting is required"),
        new(CaseStage.NoMeeting,         CaseStage.Closed,            "coordinator",                      "agreed response and rationale fed back to the referrer"),
        new(CaseStage.MeetingRequired,   CaseStage.Arranging,         "coordinator",                      "lead agency and organiser recorded"),
        new(CaseStage.Arranging,         CaseStage.MeetingBooked,     "organiser or coordinator",         "meeting booked"),
        new(CaseStage.MeetingBooked,     CaseStage.Arranging,         "organiser or coordinator",         "meeting cancelled, to be arranged again"),
        new(CaseStage.MeetingBooked,     CaseStage.MeetingHeld,       "organiser or coordinator",         "meeting held"),
        new(CaseStage.MeetingHeld,       CaseStage.MonitoringActions, "organiser or coordinator",         "record, actions and feedback sent"),
        new(CaseStage.MeetingHeld,       CaseStage.Arranging,         "organiser or coordinator",         "further senior review agreed at the meeting"),
        new(CaseStage.MonitoringActions, CaseStage.ReviewDue,         "the bot",                          "review date reached"),
        new(CaseStage.ReviewDue,         CaseStage.MonitoringActions, "coordinator",                      "plan working, monitoring kept to a new date"),
        new(CaseStage.ReviewDue,         CaseStage.Closed,            "coordinator",                      "plan working, case closed"),
        new(CaseStage.ReviewDue,         CaseStage.Arranging,         "coordinator",                      "plan not working, further review meeting"),
        new(CaseStage.ReviewDue,         CaseStage.ReEscalated,       "coordinator",                      "plan not working, re-escalated to the statutory partners"),
        new(CaseStage.ReEscalated,       CaseStage.WithPartners,      "coordinator",                      "sent to the statutory partners again"),
    ];

    // Optional moves, switched on by the board's process profile.
    private static readonly StageMove[] Untriaged =
    [
        new(CaseStage.Received,          CaseStage.WithPartners,      "coordinator",                      "sent to the statutory partners without triage (deputy board manager absent)"),
        new(CaseStage.InTriage,          CaseStage.WithPartners,      "coordinator",                      "sent to the statutory partners without triage (deputy board manager absent)"),
    ];

    private StageTable(IReadOnlyList<StageMove> moves, bool untriaged) => (Moves, AllowsUntriagedForwarding) = (moves, untriaged);

    public IReadOnlyList<StageMove> Moves { get; }

    /// <summary>Whether a coordinator may send a referral waiting for triage on to the partners untriaged.</summary>
    public bool AllowsUntriagedForwarding { get; }

    private static readonly StageTable Triaged = new(Reference, false);
    private static readonly StageTable WithUntriaged = new([.. Reference, .. Untriaged], true);

    public static StageTable For(ProcessProfile profile) =>
        profile.UntriagedForwarding == UntriagedForwarding.Never ? Triaged : WithUntriaged;

    public bool Allows(CaseStage from, CaseStage to) => Moves.Any(m => m.From == from && m.To == to);

    public IReadOnlyList<CaseStage> NextFrom(CaseStage from) => Moves.Where(m => m.From == from).Select(m => m.To).Distinct().ToList();

    /// <summary>Why a move is refused, in the board's words; null when the table allows it.</summary>
    public string? Refusal(CaseStage from, CaseStage to)
    {
        if (Allows(from, to)) return null;
        var fromWords = CaseStageWords.Display(from);
        if (from == to) return $"The case is already at \"{fromWords}\".";
        var next = NextFrom(from);
        if (next.Count == 0) return $"The case is \"{fromWords}\", so it cannot move on to \"{CaseStageWords.Display(to)}\".";
        var options = string.Join(" or ", next.Select(s => $"\"{CaseStageWords.Display(s)}\""));
        return $"A case at \"{fromWords}\" cannot move to \"{CaseStageWords.Display(to)}\"; it can only move to {options}.";
    }
}
