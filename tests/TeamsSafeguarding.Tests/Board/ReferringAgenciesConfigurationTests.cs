using Microsoft.Extensions.DependencyInjection;
using TeamsSafeguarding.Escalation.Referrals;
using TeamsSafeguarding.Tests.Support;
using Xunit;

namespace TeamsSafeguarding.Tests.Board;

/// <summary>Board:ReferringAgencies as the real host binds it: the standard list by default, the board's own when set.</summary>
[Collection("Azurite")]
public sealed class ReferringAgenciesConfigurationTests(AzuriteFixture azurite)
{
    [Fact]
    public async Task Without_a_list_the_standard_referring_agencies_are_offered()
    {
        await using var host = TestBotHost.Start(azurite);

        Assert.Same(ReferringAgencies.Standard, host.Services.GetRequiredService<ReferringAgencies>());
    }

    [Fact]
    public async Task A_configured_list_replaces_the_standard_one()
    {
        await using var host = TestBotHost.Start(azurite, new Dictionary<string, string?>
        {
            ["Board:ReferringAgencies:0:Id"] = "harbour-housing",
            ["Board:ReferringAgencies:0:Name"] = "Harbour Housing",
        });

        Assert.Equal([new FieldChoice("harbour-housing", "Harbour Housing")], host.Services.GetRequiredService<ReferringAgencies>().Listed);
    }

    [Fact]
    public void A_list_that_cannot_be_offered_stops_start_up_and_says_why()
    {
        var failure = Assert.ThrowsAny<Exception>(() => TestBotHost.Start(azurite, new Dictionary<string, string?>
        {
            ["Board:ReferringAgencies:0:Id"] = "other",
            ["Board:ReferringAgencies:0:Name"] = "Somewhere else",
        }));

        Assert.Contains("Board:ReferringAgencies", failure.Message);
        Assert.Contains("kept for agencies that are not listed", failure.Message);
    }
}
