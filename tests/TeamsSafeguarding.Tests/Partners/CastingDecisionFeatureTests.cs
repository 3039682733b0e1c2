using TeamsSafeguarding.Escalation.Cases;
using TeamsSafeguarding.Tests.Support;
using System.Text.Json.Nodes;
using TeamsSafeguarding.Cases;
using TeamsSafeguarding.Outbox;
using TeamsSafeguarding.Partners;
using TeamsSafeguarding.Tests.Cards;
using TeamsSafeguarding.Tests.Triage;
using Xunit;

namespace TeamsSafeguarding.Tests.Partners;

[Collection("Azurite")]
public sealed class CastingDecisionFeatureTests(AzuriteFixture azurite)
{
    private readonly BoardHarness _board = new(azurite.NewTable("casting"));

    private async Task<Case> SplitPastDeadlineAsync()
    {
        var record = await _board.SeedReceivedAsync();
        await _board.ClickAsync(BoardHarness.Dbm, "triage.send", BoardHarness.AllChecks("Met", record.CaseId));
        await _board.ClickAsync("la-1", "partners.view", new JsonObject { ["caseId"] = record.CaseId, ["choice"] = "MeetingRequired", ["rationale"] = "a" });
        await _board.ClickAsync("police-1", "partners.view", new JsonObject { ["caseId"] = record.CaseId, ["choice"] = "NoMeeting", ["rationale"] = "b" });
        // Decision due end of Monday 16 March 2026 (London); now Tuesday 17 March.
        _board.Clock.SetUtcNow(new DateTimeOffset(2026, 3, 17, 9, 0, 0, TimeSpan.Zero));
        return record;
    }

    private Task<global::TeamsSafeguarding.Teams.InvokeResponse> CastAsync(string who, string caseId, string choice, string rationale) =>
        _board.ClickAsync(who, "partners.cast", new JsonObject { ["caseId"] = caseId, ["choice"] = choice, ["castingRationale"] = rationale });

    [Fact]
    public async Task The_chair_sees_the_casting_card_and_decides_after_the_deadline_without_a_majority()
    {
        var record = await SplitPastDeadlineAsync();
        var chairCard = BoardHarness.CardOf(await _board.ClickAsync(BoardHarness.Chair, "partners.refresh", new JsonObject { ["caseId"] = record.CaseId }));
        CardSchema.AssertValid(chairCard);
        Assert.Contains("partners.cast", chairCard.ToJsonString());
        Assert.Contains("Awaiting casting decision", chairCard.ToJsonString());

        var refused = BoardHarness.CardOf(await CastAsync(BoardHarness.Chair, record.CaseId, "NoMeeting", ""));
        Assert.Contains("Please give the rationale", refused.ToJsonString());

        var decided = BoardHarness.CardOf(await CastAsync(BoardHarness.Chair, record.CaseId, "NoMeeting", "Single-agency work suffices"));
        CardSchema.AssertValid(decided);
        Assert.DoesNotContain("partners.cast", decided.ToJsonString());
        // The reason is typed narrative: members see it in their own view, never on the shared channel card.
        var shared = BoardHarness.CardOf((await _board.OutboxAsync(record.CaseId)).Last(m => m.Target == DeliveryTarget.UpdateOf(PartnersCards.MessageKey)));
        Assert.DoesNotContain("Single-agency work suffices", shared.ToJsonString());
        Assert.Contains("Decision: No meeting", shared.ToJsonString());
        var member = BoardHarness.CardOf(await _board.ClickAsync("la-1", "partners.refresh", new JsonObject { ["caseId"] = record.CaseId }));
        Assert.Contains("The casting decision's reason:** Single-agency work suffices", CardJsonQuery.AllText(member));
        Assert.Equal(CaseStage.NoMeeting, (await _board.Cases.GetAsync(record.CaseId, default))!.Stage);
        var log = await _board.Cases.GetLogAsync(record.CaseId, default);
        Assert.Contains(log, l => l.Action == CaseActions.Decided && l.Detail!.Contains("NoMeeting; Chair"));
        Assert.DoesNotContain(log, l => (l.Detail ?? "").Contains("Single-agency work suffices"));
        Assert.Single(await _board.OutboxAsync(record.CaseId), m => m.Target == DeliveryTarget.ToUser(BoardHarness.Referrer));
    }

    [Theory]
    [InlineData("la-1")]
    [InlineData(BoardHarness.Dbm)]
    public async Task Only_the_configured_casting_role_may_cast(string who)
    {
        var record = await SplitPastDeadlineAsync();
        var message = BoardHarness.MessageOf(await CastAsync(who, record.CaseId, "NoMeeting", "reason"));
        Assert.Equal("Only the chair can make the casting decision.", message);
        Assert.Equal(CaseStage.WithPartners, (await _board.Cases.GetAsync(record.CaseId, default))!.Stage);
    }

    [Fact]
    public async Task Casting_before_the_deadline_is_refused_with_the_reason()
    {
        var record = await _board.SeedReceivedAsync();
        await _board.ClickAsync(BoardHarness.Dbm, "triage.send", BoardHarness.AllChecks("Met", record.CaseId));
        var message = BoardHarness.MessageOf(await CastAsync(BoardHarness.Chair, record.CaseId, "NoMeeting", "reason"));
        Assert.Contains("still have time", message);
        Assert.Null(PartnersRow.FromEntity((await _board.Cases.GetRowAsync(record.CaseId, PartnersRow.Row, default))!).Outcome);
    }
}
