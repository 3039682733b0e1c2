namespace TeamsSafeguarding.Escalation.Meetings;

/// <summary>Who someone is at the review meeting (domain.md section 2: the meeting stage; section 7: roles).</summary>
public enum InviteeRole
{
    /// <summary>A statutory partner's representative (one per agency, from the board's configuration).</summary>
    StatutoryPartner,
    Referrer,
    /// <summary>The referring agency's senior manager named on the referral.</summary>
    SeniorManager,
    /// <summary>The lead professional of the original multi-agency group.</summary>
    LeadProfessional,
    Advocate,
    Gp,
    Housing,
    Other,
}

/// <summary>
/// One person asked to the meeting: by email (what calendars need), with their role and, for a statutory partner, the
/// agency. Required people must be free for a time to be offered (the organiser and every statutory partner).
/// </summary>
public sealed record Invitee(InviteeRole Role, string Email, string? Name = null, string? AgencyId = null)
{
    public bool Required => Role == InviteeRole.StatutoryPartner;
}

/// <summary>The person who organises and chairs the meeting: a manager of the lead agency.</summary>
public sealed record Organiser(string Name, string Email);

/// <summary>The words for a role on cards: the role, never the person's name (channel-safe).</summary>
public static class InviteeRoleWords
{
    public static string Display(InviteeRole role) => role switch
    {
        InviteeRole.StatutoryPartner => "Statutory partner",
        InviteeRole.Referrer => "Referrer",
        InviteeRole.SeniorManager => "Referrer's senior manager",
        InviteeRole.LeadProfessional => "Lead professional",
        InviteeRole.Advocate => "Advocate",
        InviteeRole.Gp => "GP",
        InviteeRole.Housing => "Housing",
        InviteeRole.Other => "Other",
        _ => throw new ArgumentOutOfRangeException(nameof(role), role, "Unknown invitee role."),
    };

    /// <summary>The roles a coordinator may add by email beyond the ones the case names.</summary>
    public static IReadOnlyList<InviteeRole> Others { get; } = [InviteeRole.Advocate, InviteeRole.Gp, InviteeRole.Housing, InviteeRole.Other];
}
