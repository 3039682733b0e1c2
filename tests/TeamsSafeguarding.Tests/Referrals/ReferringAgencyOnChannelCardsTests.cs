using System.Text.Json.Nodes;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using TeamsSafeguarding.Cards.Partners;
using TeamsSafeguarding.Cards.Referrals;
using TeamsSafeguarding.Cards.Triage;
using TeamsSafeguarding.Escalation.Referrals;
using TeamsSafeguarding.Escalation.Triage;
using TeamsSafeguarding.Tests.EndToEnd;
using TeamsSafeguarding.Tests.Endpoint;
using TeamsSafeguarding.Tests.Escalation.Referrals;
using TeamsSafeguarding.Tests.Support;
using Xunit;
using F = TeamsSafeguarding.Escalation.Referrals.ReferralFields;

namespace TeamsSafeguarding.Tests.Referrals;

/// <summary>
/// Through the real host, with the board's own list of referring agencies: the referrer picks theirs from it (or
/// "another agency" and names it), and the channel cards say only a listed name or "Other"; the typed name is in
/// the case details the coordinators open, and in no channel.
/// </summary>
[Collection("Azurite")]
public sealed class ReferringAgencyOnChannelCardsTests(AzuriteFixture azurite) : IAsyncLifetime
{
    private const string NotListed = "Jane Doe's home care, 4 Privet Drive";
    private readonly FakeTimeProvider clock = new(new DateTimeOffset(2026, 3, 27, 10, 0, 0, TimeSpan.Zero));
    private BotUnderTest bot = null!;

    public async Task InitializeAsync() =>
        bot = await BotUnderTest.StartAsync(azurite, new Dictionary<string, string?>
        {
            ["Board:ReferringAgencies:0:Id"] = "harbour-housing",
            ["Board:ReferringAgencies:0:Name"] = "Harbour Housing",
            ["Board:ReferringAgencies:1:Id"] = "city-asc",
            ["Board:ReferringAgencies:1:Name"] = "City Adult Social Care",
        }, services => services.AddSingleton<TimeProvider>(clock));

    public async Task DisposeAsync()
    {
        if (bot is not null) await bot.DisposeAsync();
    }

    [Fact]
    public async Task The_form_offers_the_boards_own_list_and_another_agency()
    {
        var section = await bot.InvokeAsync(bot.Click(ReferralVerbs.Route, ReferralsHarness.RouteAnswers()));

        var agency = PlaygroundDriver.Walk(section["value"]).Single(e => (string?)e["id"] == F.ReferrerAgency);
        Assert.Equal("Input.ChoiceSet", (string?)agency["type"]);
        Assert.Equal(["Harbour Housing", "City Adult Social Care", ReferringAgencies.OtherTitle],
            agency["choices"]!.AsArray().Select(c => (string?)c!["title"]));
        Assert.Contains(PlaygroundDriver.Walk(section["value"]), e => (string?)e["id"] == F.ReferrerAgencyOther);
    }

    [Theory]
    [InlineData(NotListed, "Choose one of the options")]                     // typed into a forged card: not on the list
    [InlineData("Adult Social Care", "Choose one of the options")]
    [InlineData("adult-social-care", "Choose one of the options")]            // on the standard list, not this board's
    [InlineData(ReferringAgencies.OtherValue, "Enter your agency's name, as it is not listed")]
    public async Task An_agency_not_from_the_list_or_another_agency_without_its_name_is_refused_next_to_the_field(string value, string error)
    {
        var (answer, _) = await bot.ReferAsync(Drafts.Complete().With((F.ReferrerAgency, value)));

        Assert.Contains("Section 1 of 6", BotUnderTest.TextOf(answer));
        Assert.Contains(error, BotUnderTest.TextOf(answer));
    }

    [Fact]
    public async Task Another_agency_is_Other_on_every_channel_card_and_its_name_is_only_in_the_case_details()
    {
        var (confirmation, caseId) = await bot.ReferAsync(Drafts.Complete().With((F.ReferrerAgency, ReferringAgencies.OtherValue), (F.ReferrerAgencyOther, NotListed)));
        Assert.Contains("SAB-2026-0001", confirmation.ToJsonString());

        // The triage card in the coordinators' channel; the deputy board manager (the Playground user) sends it on.
        var triage = await ChannelCardAsync(MockBoard.CoordinatorsChannel, "Triage referral SAB-2026-0001");
        Assert.Equal(ReferringAgencies.OtherWords, Fact(triage, "Referring agency"));
        var checks = new JsonObject { [ReferralVerbs.CaseIdKey] = caseId };
        foreach (var check in TriageChecklist.All) checks[check.FieldId] = TriageCard.Met;
        var outcome = await bot.InvokeAsync(bot.Click(TriageVerbs.Send, checks));
        Assert.Equal(ReferringAgencies.OtherWords, Fact((JsonObject)outcome["value"]!, "Referring agency"));
        var partners = await ChannelCardAsync(MockBoard.PartnersChannel, "statutory partners' views");
        Assert.Equal(ReferringAgencies.OtherWords, Fact(partners, "Referring agency"));

        // The coordinators see the name typed for it in the case details, shown only to whoever clicked.
        var details = await bot.InvokeAsync(bot.Click(ReferralVerbs.ShowDetails, new JsonObject { [ReferralVerbs.CaseIdKey] = caseId }));
        Assert.Contains(NotListed, BotUnderTest.TextOf(details));
        Assert.Contains(ReferringAgencies.OtherTitle, BotUnderTest.TextOf(details));

        await bot.OutboxDrainedAsync();
        foreach (var channel in new[] { MockBoard.CoordinatorsChannel, MockBoard.PartnersChannel })
            foreach (var card in bot.ChannelCards(channel))
                Assert.DoesNotContain("Privet", BotUnderTest.TextOf(card));
    }

    [Fact]
    public async Task A_listed_agency_is_shown_by_its_configured_name()
    {
        var (confirmation, _) = await bot.ReferAsync(Drafts.Complete().With((F.ReferrerAgency, "harbour-housing")));

        Assert.Contains("SAB-2026-0001", confirmation.ToJsonString());
        var triage = await ChannelCardAsync(MockBoard.CoordinatorsChannel, "Triage referral SAB-2026-0001");
        Assert.Equal("Harbour Housing", Fact(triage, "Referring agency"));
    }

    private async Task<JsonObject> ChannelCardAsync(string channelId, string containing)
    {
        await bot.OutboxDrainedAsync();
        return bot.ChannelCards(channelId).Last(c => BotUnderTest.TextOf(c).Contains(containing, StringComparison.Ordinal));
    }

    private static string? Fact(JsonObject card, string title) =>
        (string?)PlaygroundDriver.Walk(card["body"])
            .Where(e => (string?)e["type"] == "FactSet")
            .SelectMany(e => e["facts"]!.AsArray().OfType<JsonObject>())
            .Single(f => (string?)f["title"] == title)["value"];
}
