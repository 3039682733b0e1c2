using TeamsSafeguarding.Escalation.Cases;
using Xunit;
using System.Reflection;
using TeamsSafeguarding.Escalation.Referrals;
using TeamsSafeguarding.Escalation.Risk;
using static TeamsSafeguarding.Tests.Escalation.Referrals.Drafts;

namespace TeamsSafeguarding.Tests.Escalation.Referrals;

public class ReferralSummaryTests
{
    private static readonly CaseReference Ref = CaseReference.Create("SAB", 2026, 7);

    [Fact]
    public void Carries_only_reference_stage_agency_and_risk_band()
    {
        var properties = typeof(ReferralSummary).GetProperties(BindingFlags.Public | BindingFlags.Instance)
            .Select(p => p.Name).Order();
        Assert.Equal(["CaseReference", "ReferringAgency", "RiskBand", "RiskWord", "Stage"], properties);
    }

    [Fact]
    public void No_property_can_hold_personal_data()
    {
        // Only these types are safe on a channel card; a Person, a date or a list of text would not be.
        Type[] allowed = [typeof(CaseReference), typeof(CaseStage), typeof(string), typeof(RiskBand)];
        foreach (var property in typeof(ReferralSummary).GetProperties())
            Assert.Contains(property.PropertyType, allowed);
        Type[] deep = [typeof(CaseReference), typeof(RiskBand)];
        foreach (var property in deep.SelectMany(t => t.GetProperties()))
            Assert.True(property.PropertyType == typeof(string) || property.PropertyType == typeof(int) || property.PropertyType == typeof(RiskRag),
                $"{property.DeclaringType!.Name}.{property.Name}");
        var banned = new[] { "name", "birth", "dob", "address", "nhs", "postcode", "narrative", "situation", "person" };
        foreach (var property in typeof(ReferralSummary).GetProperties())
            Assert.DoesNotContain(banned, b => property.Name.Contains(b, StringComparison.OrdinalIgnoreCase));
    }

    [Fact]
    public void Built_from_a_referral_it_shows_no_personal_details()
    {
        var referral = ReferralReader.Read(Complete(), Today).Referral!;
        var summary = ReferralSummary.For(Ref, CaseStage.WithPartners, referral, RiskBandScheme.NhsDefault);
        Assert.Equal("Adult Social Care", summary.ReferringAgency);
        Assert.Equal("High", summary.RiskWord); // after mitigation 3x4 = 12
        var printed = summary.ToString();
        Assert.Contains("SAB-2026-0007", printed);
        foreach (var secret in new[] { "Alex", "1960", "Test Street", "9434765919", "943 476 5919", "LAS-12345", "hoarding", "Sam Worker" })
            Assert.DoesNotContain(secret, printed, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public void The_agency_is_one_short_line()
    {
        var summary = new ReferralSummary(Ref, CaseStage.Received, "Housing Trust\nTenant: someone at 1 Test Street", null);
        Assert.Equal("Housing Trust", summary.ReferringAgency);
        Assert.Equal(ReferralSummary.MaxAgencyLength, new ReferralSummary(Ref, CaseStage.Received, new string('a', 500), null).ReferringAgency.Length);
        Assert.Equal("Not scored", summary.RiskWord);
    }
}
