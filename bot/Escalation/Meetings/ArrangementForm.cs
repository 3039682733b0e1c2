using TeamsSafeguarding.Escalation.Cases;
using TeamsSafeguarding.Escalation.Referrals;

namespace TeamsSafeguarding.Escalation.Meetings;

/// <summary>The arrangement form's pages, in order: short pages for a phone.</summary>
public enum ArrangementPage
{
    LeadAndOrganiser = 1,
    CaseInvitees = 2,
    OtherInvitees = 3,
}

/// <summary>
/// The arrangement form's field ids (also the card's input ids) and how typed values become an <see cref="Arrangement"/>.
/// Checked on the server, each problem against its field, so the card shows it next to the input.
/// </summary>
public static class ArrangementForm
{
    public const int Pages = 3;
    public const int OtherSlots = 4;
    public const int MaxName = 200;
    public const int MaxEmail = 254;

    public const string LeadAgency = "lead.agency";
    public const string ContactedBy = "lead.contactedBy";
    public const string OrganiserName = "organiser.name";
    public const string OrganiserEmail = "organiser.email";
    public const string Referrer = "invite.referrer";
    public const string SeniorManager = "invite.seniorManager";
    public const string LeadProfessionalName = "invite.leadProfessional.name";
    public const string LeadProfessional = "invite.leadProfessional";

    public static string Partner(string agencyId) => $"invite.partner.{agencyId}";
    public static string OtherRole(int slot) => $"invite.other{slot}.role";
    public static string OtherEmail(int slot) => $"invite.other{slot}.email";

    /// <summary>The page a field is on, so a problem found at the end sends the person back to the right page.</summary>
    public static ArrangementPage PageOf(string field) => field switch
    {
        LeadAgency or ContactedBy or OrganiserName or OrganiserEmail => ArrangementPage.LeadAndOrganiser,
        _ when field.StartsWith("invite.other", StringComparison.Ordinal) => ArrangementPage.OtherInvitees,
        _ => ArrangementPage.CaseInvitees,
    };

    /// <summary>The problems on one page (what "Next" checks).</summary>
    public static IReadOnlyList<FieldError> Check(ArrangementPage page, IReadOnlyDictionary<string, string> values, IReadOnlyList<LeadAgency> agencies) =>
        Read(values, agencies).Errors.Where(e => PageOf(e.Field) == page).ToList();

    /// <summary>
    /// The arrangement the values describe, or every problem with them. The organiser is not also an invitee, and an
    /// address given twice is asked once (the first role given wins).
    /// </summary>
    public static (Arrangement? Arrangement, IReadOnlyList<FieldError> Errors) Read(IReadOnlyDictionary<string, string> values,
        IReadOnlyList<LeadAgency> agencies)
    {
        var errors = new List<FieldError>();
        string? Text(string field, string missing, int max)
        {
            var value = values.GetValueOrDefault(field)?.Trim();
            if (string.IsNullOrEmpty(value)) { if (missing.Length > 0) errors.Add(new(field, missing)); return null; }
            if (value.Length > max) { errors.Add(new(field, $"This is {value.Length} characters long; please keep it to {max}.")); return null; }
            return value;
        }
        string? Email(string field, string missing)
        {
            var value = Text(field, missing, MaxEmail);
            if (value is null) return null;
            if (!FieldValues.IsValidEmail(value)) { errors.Add(new(field, "Enter an email address like name@example.org")); return null; }
            return value;
        }

        var partners = agencies.Where(a => a.IsStatutoryPartner).ToList();
        var leadId = values.GetValueOrDefault(LeadAgency);
        var lead = agencies.FirstOrDefault(a => a.Id == leadId);
        if (lead is null) errors.Add(new(LeadAgency, "Choose the lead agency."));
        string? contactedBy = null;
        if (lead is { IsStatutoryPartner: false })
        {
            contactedBy = values.GetValueOrDefault(ContactedBy);
            if (!partners.Any(p => p.Id == contactedBy))
            {
                errors.Add(new(ContactedBy, "The lead agency is not a statutory partner: choose the partner who contacts it."));
                contactedBy = null;
            }
        }
        var organiserName = Text(OrganiserName, "Enter the name of the manager who organises and chairs the meeting.", MaxName);
        var organiserEmail = Email(OrganiserEmail, "Enter the organiser's email address.");

        var invitees = new List<Invitee>();
        foreach (var partner in partners)
            if (Email(Partner(partner.Id), $"Enter the email of {partner.Name}'s representative.") is { } email)
                invitees.Add(new Invitee(InviteeRole.StatutoryPartner, email, null, partner.Id));
        if (Email(Referrer, "") is { } referrer) invitees.Add(new Invitee(InviteeRole.Referrer, referrer));
        if (Email(SeniorManager, "") is { } manager) invitees.Add(new Invitee(InviteeRole.SeniorManager, manager));
        var leadName = Text(LeadProfessionalName, "", MaxName);
        if (Email(LeadProfessional, "") is { } leadProfessional) invitees.Add(new Invitee(InviteeRole.LeadProfessional, leadProfessional, leadName));
        for (var slot = 0; slot < OtherSlots; slot++)
        {
            var roleText = values.GetValueOrDefault(OtherRole(slot));
            var email = Email(OtherEmail(slot), "");
            var role = Enum.TryParse<InviteeRole>(roleText, out var r) && InviteeRoleWords.Others.Contains(r) ? r : (InviteeRole?)null;
            if (email is not null && role is null) errors.Add(new(OtherRole(slot), "Say who this is (advocate, GP, housing or other)."));
            if (email is not null && role is { } known) invitees.Add(new Invitee(known, email));
        }
        if (errors.Count > 0 || lead is null || organiserName is null || organiserEmail is null) return (null, errors);

        var asked = new HashSet<string>([organiserEmail], StringComparer.OrdinalIgnoreCase);
        var distinct = invitees.Where(i => asked.Add(i.Email)).ToList();
        return (new Arrangement(lead, contactedBy, new Organiser(organiserName, organiserEmail), distinct), []);
    }

    /// <summary>The form's values for an arrangement already made (to change it, e.g. before a further review).</summary>
    public static Dictionary<string, string> ValuesOf(Arrangement arrangement)
    {
        var values = new Dictionary<string, string>
        {
            [LeadAgency] = arrangement.Lead.Id,
            [OrganiserName] = arrangement.Organiser.Name,
            [OrganiserEmail] = arrangement.Organiser.Email,
        };
        if (arrangement.ContactedById is { } contact) values[ContactedBy] = contact;
        var slot = 0;
        foreach (var invitee in arrangement.Invitees)
        {
            switch (invitee.Role)
            {
                case InviteeRole.StatutoryPartner when invitee.AgencyId is { } agency: values[Partner(agency)] = invitee.Email; break;
                case InviteeRole.Referrer: values[Referrer] = invitee.Email; break;
                case InviteeRole.SeniorManager: values[SeniorManager] = invitee.Email; break;
                case InviteeRole.LeadProfessional:
                    values[LeadProfessional] = invitee.Email;
                    if (invitee.Name is { } name) values[LeadProfessionalName] = name;
                    break;
                default:
                    if (slot >= OtherSlots) break;
                    values[OtherRole(slot)] = invitee.Role.ToString();
                    values[OtherEmail(slot)] = invitee.Email;
                    slot++;
                    break;
            }
        }
        return values;
    }
}
