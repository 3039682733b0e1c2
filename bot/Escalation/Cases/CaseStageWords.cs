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
        CaseStage.Arranging => "Arranging review meeting",
        CaseStage.Held => "Review meeting held",
        CaseStage.FeedbackSent => "Feedback sent",
        CaseStage.Closed => "Closed",
        _ => throw new ArgumentOutOfRangeException(nameof(stage), stage, "Unknown case stage."),
    };
}
