using Xunit;
using TeamsSafeguarding.Escalation.Referrals;
using TeamsSafeguarding.Escalation.Risk;

namespace TeamsSafeguarding.Tests.Escalation.Referrals;

public class ReferralRiskLevelTests
{
    private static ReferralRisk Risk(int lb, int ib, int la, int ia) => new("w", "g", "a", new RiskScore(lb, ib), new RiskScore(la, ia));

    [Fact]
    public void The_band_is_the_highest_after_mitigation_not_before()
    {
        // Before 5x5=25 (Extreme), after 2x2=4 (Moderate); another risk after 2x1=2 (Low).
        var band = ReferralRiskLevel.BandOf([Risk(5, 5, 2, 2), Risk(3, 3, 2, 1)], RiskBandScheme.NhsDefault);
        Assert.Equal("Moderate", band!.Word);
    }

    [Fact]
    public void The_board_scheme_gives_its_own_words()
    {
        var risks = new[] { Risk(5, 5, 3, 4), Risk(2, 2, 1, 1) };
        Assert.Equal("High", ReferralRiskLevel.BandOf(risks, RiskBandScheme.NhsDefault)!.Word);
        Assert.Equal("Amber", ReferralRiskLevel.BandOf(risks, RiskBandScheme.GreenAmberRed)!.Word);
    }

    [Fact]
    public void No_risks_gives_no_band() =>
        Assert.Null(ReferralRiskLevel.BandOf([], RiskBandScheme.NhsDefault));
}
