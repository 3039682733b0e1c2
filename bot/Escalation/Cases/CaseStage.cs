namespace TeamsSafeguarding.Escalation.Cases;

/// <summary>
/// Where a case is in the escalation process (domain.md section 2). Which stage may follow which is
/// <see cref="StageTable"/>; the words people see are <see cref="CaseStageWords"/>.
/// </summary>
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
    MeetingBooked,
    MeetingHeld,
    MonitoringActions,
    ReviewDue,
    ReEscalated,
    Closed,
}
