using TeamsSafeguarding.Escalation.Meetings;
using Xunit;
using F = TeamsSafeguarding.Escalation.Meetings.ArrangementForm;

namespace TeamsSafeguarding.Tests.Escalation.Meetings;

public class ArrangementFormTests
{
    private static readonly IReadOnlyList<LeadAgency> Agencies =
    [
        new("la", "Local authority", true), new("police", "Police", true), new("icb", "NHS integrated care board", true),
        new("other-housing-provider", "Housing provider", false),
    ];

    private static Dictionary<string, string> Complete() => new()
    {
        [F.LeadAgency] = "la",
        [F.OrganiserName] = "Pat Manager",
        [F.OrganiserEmail] = "pat.manager@council.example",
        [F.Partner("la")] = "la.rep@council.example",
        [F.Partner("police")] = "police.rep@police.example",
        [F.Partner("icb")] = "icb.rep@nhs.example",
        [F.Referrer] = "referrer@housing.example",
        [F.LeadProfessionalName] = "Lee Professional",
        [F.LeadProfessional] = "lee@council.example",
        [F.OtherRole(0)] = "Advocate",
        [F.OtherEmail(0)] = "advocate@charity.example",
    };

    [Fact]
    public void A_complete_form_is_an_arrangement_with_the_partners_required_and_a_summary_without_addresses()
    {
        var (arrangement, errors) = F.Read(Complete(), Agencies);

        Assert.Empty(errors);
        Assert.NotNull(arrangement);
        Assert.Equal("Local authority", arrangement.Lead.Name);
        Assert.Equal(6, arrangement.Invitees.Count);
        Assert.Equal(["pat.manager@council.example", "la.rep@council.example", "police.rep@police.example", "icb.rep@nhs.example"], arrangement.RequiredEmails);
        Assert.Equal("lead agency Local authority; 6 invitee(s): 3 statutory partner, 1 referrer, 1 lead professional, 1 advocate", arrangement.Summary);
        Assert.DoesNotContain("@", arrangement.Summary);
    }

    [Fact]
    public void Each_problem_is_reported_against_its_field_and_page()
    {
        var values = Complete();
        values.Remove(F.OrganiserName);
        values[F.OrganiserEmail] = "not an email";
        values.Remove(F.Partner("police"));
        values[F.OtherEmail(1)] = "gp@surgery.example"; // an address without saying who they are
        values[F.SeniorManager] = new string('a', 250) + "@x.example";

        var (arrangement, errors) = F.Read(values, Agencies);

        Assert.Null(arrangement);
        var byField = errors.ToDictionary(e => e.Field, e => e.Message);
        Assert.Equal("Enter the name of the manager who organises and chairs the meeting.", byField[F.OrganiserName]);
        Assert.Equal("Enter an email address like name@example.org", byField[F.OrganiserEmail]);
        Assert.Equal("Enter the email of Police's representative.", byField[F.Partner("police")]);
        Assert.Equal("Say who this is (advocate, GP, housing or other).", byField[F.OtherRole(1)]);
        Assert.Contains("please keep it to 254", byField[F.SeniorManager]);
        Assert.Equal([F.OrganiserName, F.OrganiserEmail], F.Check(ArrangementPage.LeadAndOrganiser, values, Agencies).Select(e => e.Field));
        Assert.Equal(ArrangementPage.OtherInvitees, F.PageOf(F.OtherRole(1)));
        Assert.Equal(ArrangementPage.CaseInvitees, F.PageOf(F.Partner("police")));
    }

    [Fact]
    public void A_lead_agency_that_is_not_a_statutory_partner_needs_the_partner_who_contacts_it()
    {
        var values = Complete();
        values[F.LeadAgency] = "other-housing-provider";
        Assert.Equal("The lead agency is not a statutory partner: choose the partner who contacts it.",
            Assert.Single(F.Read(values, Agencies).Errors).Message);

        values[F.ContactedBy] = "police";
        var (arrangement, errors) = F.Read(values, Agencies);
        Assert.Empty(errors);
        Assert.Equal(("other-housing-provider", "police"), (arrangement!.Lead.Id, arrangement.ContactedById));
        Assert.Equal("Choose the lead agency.", Assert.Single(F.Read(new Dictionary<string, string>(values) { [F.LeadAgency] = "nobody" }, Agencies).Errors).Message);
    }

    [Fact]
    public void The_organiser_is_not_invited_to_their_own_meeting_and_an_address_given_twice_is_asked_once()
    {
        var values = Complete();
        values[F.LeadProfessional] = "PAT.MANAGER@council.example";
        values[F.OtherEmail(0)] = "la.rep@council.example";

        var arrangement = F.Read(values, Agencies).Arrangement!;

        Assert.Equal(4, arrangement.Invitees.Count);
        Assert.DoesNotContain(arrangement.Invitees, i => i.Role is InviteeRole.LeadProfessional or InviteeRole.Advocate);
        // And the form's values for a recorded arrangement give it back as it was.
        Assert.Equal(arrangement, F.Read(F.ValuesOf(arrangement), Agencies).Arrangement! with { Invitees = arrangement.Invitees });
        Assert.Equal(arrangement.Invitees, F.Read(F.ValuesOf(arrangement), Agencies).Arrangement!.Invitees);
    }
}
