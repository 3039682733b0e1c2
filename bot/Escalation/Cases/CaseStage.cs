namespace TeamsSafeguarding.Escalation.Cases;

/// <summary>Where a case is in the reference escalation process (domain.md section 2, state table).</summary>
public enum CaseStage
{
    Draft,
    Received,
    InTriage,
    Returned,
    WithPartners,
    NoMeeting,
    MeetingRequired,
    Arranging,
    Held,
    FeedbackSent,
    Closed,
}
