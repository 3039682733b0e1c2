using TeamsSafeguarding.Escalation.Cases;

namespace TeamsSafeguarding.Escalation.Partners;

/// <summary>A partner agency's view on whether the case needs a senior management review meeting.</summary>
public enum PartnerChoice
{
    MeetingRequired,
    /// <summary>No meeting: an email review or further single-agency work is required instead.</summary>
    NoMeeting,
}

public static class PartnerChoiceWords
{
    public static string Display(PartnerChoice choice) => choice switch
    {
        PartnerChoice.MeetingRequired => "Meeting required",
        PartnerChoice.NoMeeting => "No meeting (email review / further single-agency work required)",
        _ => throw new ArgumentOutOfRangeException(nameof(choice), choice, "Unknown partner choice."),
    };

    /// <summary>The stage a case moves to once the partners' decision is this choice.</summary>
    public static CaseStage NextStage(PartnerChoice choice) => choice switch
    {
        PartnerChoice.MeetingRequired => CaseStage.MeetingRequired,
        PartnerChoice.NoMeeting => CaseStage.NoMeeting,
        _ => throw new ArgumentOutOfRangeException(nameof(choice), choice, "Unknown partner choice."),
    };
}
