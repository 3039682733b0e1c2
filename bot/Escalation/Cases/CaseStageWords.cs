namespace TeamsSafeguarding.Escalation.Cases;

/// <summary>The words cards and channel posts use for a stage. Words only: no case detail is ever part of them.</summary>
public static class CaseStageWords
{
    public static string Display(CaseStage stage) => stage switch
    {
        CaseStage.Draft => "Draft",
        CaseStage.Received => "Received",
        CaseStage.InTriage => "In triage",
        CaseStage.Returned => "Returned to referrer",
        CaseStage.WithPartners => "With statutory partners",
        CaseStage.NoMeeting => "No meeting required",
        CaseStage.MeetingRequired => "Meeting required",
        CaseStage.Arranging => "Meeting to be arranged",
        CaseStage.MeetingBooked => "Meeting booked",
        CaseStage.MeetingHeld => "Meeting held",
        CaseStage.MonitoringActions => "Actions being monitored",
        CaseStage.ReviewDue => "Review due",
        CaseStage.ReEscalated => "Re-escalated to the statutory partners",
        CaseStage.Closed => "Closed",
        _ => throw new ArgumentOutOfRangeException(nameof(stage), stage, "Unknown case stage."),
    };
}
