using Xunit;
using TeamsSafeguarding.Escalation.Referrals;
using F = TeamsSafeguarding.Escalation.Referrals.ReferralFields;
using static TeamsSafeguarding.Tests.Escalation.Referrals.Drafts;

namespace TeamsSafeguarding.Tests.Escalation.Referrals;

public class ReferralReaderTests
{
    [Fact]
    public void A_valid_draft_reads_into_typed_records()
    {
        var result = ReferralReader.Read(Complete(), Today);
        Assert.True(result.Ready);
        var r = result.Referral!;
        Assert.Equal(new DateOnly(1960, 5, 1), r.Person.DateOfBirth);
        Assert.Equal("9434765919", r.Person.NhsNumber);
        Assert.Equal([Outcome.Nutrition, Outcome.HabitableHome], r.Needs.OutcomesNotAchieved.ToArray());
        Assert.Equal(HarmCategory.SelfNeglectAndHoarding, r.Needs.MostSignificantHarm);
        Assert.Equal(new DateOnly(2026, 2, 10), r.Capacity.AssessedOn);
        Assert.Equal(CapacityConclusion.HasCapacity, r.Capacity.Conclusion);
        Assert.Equal("The home is a fire risk and meals are missed.", r.Needs.HarmDescription);
        Assert.Equal(new PersonsViews("Wants to stay at home and be left alone.", null, "Refuses home care visits."), r.Views);
        Assert.Equal("Jo Lead, social worker, Adult Social Care", r.MultiAgencyWork.LeadProfessional);
        Assert.Equal(new EntryCriteria(true, true, true, true), r.Criteria);
        // Daily life: the outcomes of section 1, not a second checklist.
        Assert.Equal(r.Needs.OutcomesNotAchieved.ToArray(), r.DailyLife.Areas.ToArray());
        Assert.Equal(new Uri("https://records.example.org/ra/1"), r.MultiAgencyWork.LatestRiskAssessment);
        var risk = Assert.Single(r.Risks);
        Assert.Equal((5, 5, 3, 4), (risk.LikelihoodBefore, risk.ImpactBefore, risk.LikelihoodAfter, risk.ImpactAfter));
        Assert.Equal(12, risk.After.Value);
        Assert.Equal(ConsentToShare.Yes, r.InformationSharing.Consent);
        Assert.Null(r.InformationSharing.GroundWithoutConsent);
        Assert.Equal(Article6Basis.PublicTask, r.InformationSharing.Article6);
        Assert.Equal(new SeniorManager("Pat Senior", "Head of service", "Adult Social Care", new DateOnly(2026, 3, 20), AgencyHasDoneAllItCan: true), r.SeniorManager);
    }

    [Fact]
    public void Sharing_without_consent_keeps_the_ground_and_rationale()
    {
        var draft = Complete().With((F.Consent, "NotSought"), (F.SharingGround, "AskingWouldPrejudiceEnquiry"), (F.SharingRationale, "Would alert the abuser."));
        var sharing = ReferralReader.Read(draft, Today).Referral!.InformationSharing;
        Assert.Equal(SharingWithoutConsentGround.AskingWouldPrejudiceEnquiry, sharing.GroundWithoutConsent);
        Assert.Equal("Would alert the abuser.", sharing.Rationale);
    }

    [Fact]
    public void Several_risks_are_read_in_order()
    {
        var draft = Complete().WithRiskAdded().With(
            (F.Risk(2, F.RiskPart.Worries), "Falls"), (F.Risk(2, F.RiskPart.WorkingWell), "Neighbour checks in"),
            (F.Risk(2, F.RiskPart.ActionsTaken), "OT referral"), (F.Risk(2, F.RiskPart.LikelihoodBefore), "4"),
            (F.Risk(2, F.RiskPart.ImpactBefore), "4"), (F.Risk(2, F.RiskPart.LikelihoodAfter), "4"), (F.Risk(2, F.RiskPart.ImpactAfter), "2"));
        var risks = ReferralReader.Read(draft, Today).Referral!.Risks;
        Assert.Equal(["Fire risk from hoarding", "Falls"], risks.Select(r => r.Worries));
    }

    [Fact]
    public void An_incomplete_draft_gives_errors_and_no_referral()
    {
        var result = ReferralReader.Read(Complete().With((F.ManagerName, null)), Today);
        Assert.False(result.Ready);
        Assert.Null(result.Referral);
        Assert.Equal(F.ManagerName, Assert.Single(result.Errors).Field);
    }
}
