using Microsoft.Extensions.Configuration;
using TeamsSafeguarding.Escalation.Partners;
using Xunit;

namespace TeamsSafeguarding.Tests.Escalation.Partners;

public class PartnerDecisionOptionsTests
{
    [Fact]
    public void No_configuration_means_the_three_usual_partners_early_decision_and_the_chair()
    {
        var rule = new PartnerDecisionOptions().ToRule();

        Assert.Equal(["local-authority", "police", "nhs-icb"], rule.Electorate.Select(a => a.Id));
        Assert.True(rule.EarlyDecision);
        Assert.Equal(CastingActor.Chair, rule.CastingBy);
        Assert.Equal(2, rule.Threshold);
    }

    [Fact]
    public void A_board_spanning_two_icbs_can_configure_four_agencies_and_the_dbm_tie_break()
    {
        var config = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Partners:Agencies:0:Id"] = "local-authority",
            ["Partners:Agencies:0:DisplayName"] = "Local authority",
            ["Partners:Agencies:1:Id"] = "police",
            ["Partners:Agencies:1:DisplayName"] = "Police",
            ["Partners:Agencies:2:Id"] = "icb-north",
            ["Partners:Agencies:2:DisplayName"] = "NHS North ICB",
            ["Partners:Agencies:3:Id"] = "icb-south",
            ["Partners:Agencies:3:DisplayName"] = "NHS South ICB",
            ["Partners:EarlyDecision"] = "false",
            ["Partners:CastingBy"] = "DeputyBoardManager",
        }).Build();

        var rule = config.GetSection(PartnerDecisionOptions.Section).Get<PartnerDecisionOptions>()!.ToRule();

        Assert.Equal(4, rule.Electorate.Count);
        Assert.Equal("NHS South ICB", rule.Agency("icb-south")!.DisplayName);
        Assert.Equal(3, rule.Threshold);
        Assert.False(rule.EarlyDecision);
        Assert.Equal(CastingActor.DeputyBoardManager, rule.CastingBy);
    }

    [Fact]
    public void A_repeated_agency_id_is_a_configuration_error()
    {
        var options = new PartnerDecisionOptions
        {
            Agencies = [new("police", "Police"), new("police", "Police (second force)")],
        };

        var ex = Assert.Throws<InvalidOperationException>(options.ToRule);
        Assert.Contains("'police'", ex.Message);
    }
}
