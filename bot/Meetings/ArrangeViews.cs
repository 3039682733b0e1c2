using System.Globalization;
using TeamsSafeguarding.Cards.Meetings;
using TeamsSafeguarding.Escalation.Cases;
using TeamsSafeguarding.Escalation.Meetings;
using TeamsSafeguarding.Escalation.Referrals;
using F = TeamsSafeguarding.Escalation.Meetings.ArrangementForm;

namespace TeamsSafeguarding.Meetings;

/// <summary>What the referral says that the arrangement form starts from: the people it names, as typed by the referrer.</summary>
public sealed record ReferralPeople(string? ReferrerEmail, string? SeniorManagerWords, string? LeadProfessionalName)
{
    public static ReferralPeople Of(ReferralDraft? referral)
    {
        if (referral is null) return new(null, null, null);
        var manager = referral.Get(ReferralFields.ManagerName);
        var words = manager is null ? null
            : string.Join(", ", new[] { manager, referral.Get(ReferralFields.ManagerRole), referral.Get(ReferralFields.ManagerAgency) }.Where(s => !string.IsNullOrWhiteSpace(s)));
        // A referral made before the form asked for the lead professional simply has none.
        return new(referral.Get(ReferralFields.ReferrerEmail), words, referral.Get(ReferralFields.LeadProfessional));
    }
}

/// <summary>The arrangement form's three pages (item 1 of the review meeting), drawn from the form's values.</summary>
public static class ArrangeViews
{
    /// <summary>Where a new arrangement starts: each partner's representative from the board's settings, the referrer's address and the lead professional's name from the referral.</summary>
    public static Dictionary<string, string> Prefill(MeetingAgencies agencies, ReferralPeople people)
    {
        var values = new Dictionary<string, string>();
        foreach (var partner in agencies.Partners)
            if (agencies.RepresentativeOf(partner.Id) is { } email) values[F.Partner(partner.Id)] = email;
        if (people.ReferrerEmail is { } referrer) values[F.Referrer] = referrer;
        if (people.LeadProfessionalName is { } lead) values[F.LeadProfessionalName] = lead;
        return values;
    }

    public static FormPageInput Page(string caseId, string reference, ArrangementPage page, IReadOnlyDictionary<string, string> values,
        MeetingAgencies agencies, ReferralPeople people, bool usesCalendar, IReadOnlyList<FieldError>? errors = null)
    {
        var byField = errors is null ? new Dictionary<string, string>() : FieldError.ByField(errors);
        PageField Field(string id, string label, PageFieldKind kind = PageFieldKind.Text, IReadOnlyList<PageChoice>? choices = null) =>
            new(id, label, kind) { Value = values.GetValueOrDefault(id), Choices = choices ?? [], Error = byField.GetValueOrDefault(id) };
        var partners = agencies.Partners.Select(p => new PageChoice(p.Id, p.Name)).ToList();
        var (fields, hints) = page switch
        {
            ArrangementPage.LeadAndOrganiser => (new List<PageField>
            {
                Field(F.LeadAgency, "Lead agency", PageFieldKind.Choice,
                    [.. agencies.All.Select(a => new PageChoice(a.Id, a.IsStatutoryPartner ? $"{a.Name} (statutory partner)" : a.Name))]),
                Field(F.ContactedBy, "If the lead agency is not a statutory partner: the partner who contacts it (optional)", PageFieldKind.Choice, partners),
                Field(F.OrganiserName, "Organiser's name"),
                Field(F.OrganiserEmail, "Organiser's email"),
            }, new List<string> { "The organiser is a manager of the lead agency: they organise, chair and minute the meeting." }),
            ArrangementPage.CaseInvitees => (
            [
                .. agencies.Partners.Select(p => Field(F.Partner(p.Id), $"{p.Name}: representative's email")),
                Field(F.Referrer, "Referrer's email (optional)"),
                Field(F.SeniorManager, "Referrer's senior manager: email (optional)") with
                {
                    Hint = people.SeniorManagerWords is { } manager ? $"The referral names the senior manager: {manager}." : null,
                },
                Field(F.LeadProfessionalName, "Lead professional of the multi-agency group: name (optional)"),
                Field(F.LeadProfessional, "Lead professional's email (optional)"),
            ], ["One representative per statutory partner, from the board's settings: change them if needed."]),
            _ => (
            [
                .. Enumerable.Range(0, F.OtherSlots).SelectMany(slot => new[]
                {
                    Field(F.OtherRole(slot), $"Person {slot + 1}: who they are (optional)", PageFieldKind.Choice,
                        [.. InviteeRoleWords.Others.Select(r => new PageChoice(r.ToString(), InviteeRoleWords.Display(r)))]),
                    Field(F.OtherEmail(slot), $"Person {slot + 1}: email (optional)"),
                }),
            ], new List<string>
            {
                "Anyone else to invite: for example the person's advocate, their GP or housing officer.",
                usesCalendar ? "Next, the bot looks for times when the organiser and every statutory partner are free."
                    : "Calendar booking is not set up: next, you choose the time, and share an invitation file.",
            }),
        };
        var data = BookingViews.With(BookingViews.MeetingCardPartsData(caseId), (MeetingVerbs.PageKey, ((int)page).ToString(CultureInfo.InvariantCulture)));
        var buttons = new List<PageButton>
        {
            page < ArrangementPage.OtherInvitees
                ? new("Next", MeetingVerbs.ArrangeStep, BookingViews.With(data, (MeetingVerbs.GoKey, "next")), Primary: true)
                : new(usesCalendar ? "Save and find times" : "Save", MeetingVerbs.ArrangeSave, data, Primary: true),
        };
        if (page > ArrangementPage.LeadAndOrganiser) buttons.Add(new("Back", MeetingVerbs.ArrangeStep, BookingViews.With(data, (MeetingVerbs.GoKey, "back"))));
        return new FormPageInput($"Referral {reference}: arrange the review meeting")
        {
            Step = $"Step {(int)page} of {F.Pages}: " + page switch
            {
                ArrangementPage.LeadAndOrganiser => "lead agency and organiser",
                ArrangementPage.CaseInvitees => "who is invited",
                _ => "anyone else",
            },
            Hints = hints,
            Error = errors is { Count: > 0 } ? $"Please correct the {(errors.Count == 1 ? "answer" : $"{errors.Count} answers")} marked below." : null,
            Fields = fields,
            Buttons = buttons,
        };
    }
}
