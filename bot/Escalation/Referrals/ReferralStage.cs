namespace TeamsSafeguarding.Escalation.Referrals;

/// <summary>Where a referral is in the escalation process (domain.md section 2).</summary>
public enum ReferralStage
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

public static class ReferralStageNames
{
    public static string DisplayName(this ReferralStage stage) => stage switch
    {
        ReferralStage.Draft => "Draft",
        ReferralStage.Received => "Received",
        ReferralStage.InTriage => "In triage",
        ReferralStage.Returned => "Returned to referrer",
        ReferralStage.WithPartners => "With partners",
        ReferralStage.NoMeeting => "No meeting",
        ReferralStage.MeetingRequired => "Meeting required",
        ReferralStage.Arranging => "Arranging review",
        ReferralStage.Held => "Review held",
        ReferralStage.FeedbackSent => "Feedback sent",
        ReferralStage.Closed => "Closed",
        _ => stage.ToString(),
    };
}
