namespace TeamsSafeguarding.Escalation.Meetings;

/// <summary>An agency that may lead the review: a statutory partner, or another agency from the board's list.</summary>
public sealed record LeadAgency(string Id, string Name, bool IsStatutoryPartner);

/// <summary>
/// Who leads the review meeting and who is asked to it (domain.md section 2: MeetingRequired -> Arranging). When the
/// lead agency is not a statutory partner, <see cref="ContactedById"/> is the partner agreed to contact it. The
/// organiser (a manager of the lead agency) books, chairs and minutes it; the invitees are asked by email.
/// </summary>
public sealed record Arrangement(LeadAgency Lead, string? ContactedById, Organiser Organiser, IReadOnlyList<Invitee> Invitees)
{
    /// <summary>Everyone whose calendar matters: the organiser first, then the invitees.</summary>
    public IReadOnlyList<string> Emails => [Organiser.Email, .. Invitees.Select(i => i.Email)];

    /// <summary>Who must be free for a time to be offered: the organiser and every statutory partner's representative.</summary>
    public IReadOnlyList<string> RequiredEmails => [Organiser.Email, .. Invitees.Where(i => i.Required).Select(i => i.Email)];

    /// <summary>For the case log and channel cards: counts by role, no address.</summary>
    public string Summary => $"lead agency {Lead.Name}; {Invitees.Count} invitee(s): " + string.Join(", ",
        Invitees.GroupBy(i => i.Role).OrderBy(g => g.Key).Select(g => $"{g.Count()} {InviteeRoleWords.Display(g.Key).ToLowerInvariant()}"));
}
