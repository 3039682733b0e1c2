using System.Text.Json.Nodes;
using TeamsSafeguarding.Escalation.Cases;
using TeamsSafeguarding.Cases;
using TeamsSafeguarding.Conversations;
using TeamsSafeguarding.Outbox;
using TeamsSafeguarding.Partners;
using TeamsSafeguarding.Tests.Support;
using TeamsSafeguarding.Tests.Triage;
using Xunit;

namespace TeamsSafeguarding.Tests.Partners;

[Collection("Azurite")]
public sealed class PartnersCardDatesAndRefreshTests(AzuriteFixture azurite)
{
    private BoardHarness _board = new(azurite.NewTable("partnerscard"));

    private async Task<Case> SentAsync()
    {
        var record = await _board.SeedReceivedAsync();
        await _board.ClickAsync(BoardHarness.Dbm, "triage.send", BoardHarness.AllChecks("Met", record.CaseId));
        return record;
    }

    private static IReadOnlyList<string> RefreshIds(JsonObject card) =>
        card["refresh"]!["userIds"]!.AsArray().Select(n => n!.GetValue<string>()).ToList();

    [Fact]
    public async Task A_decision_at_23_30_UTC_in_summer_shows_the_next_London_day_everywhere()
    {
        _board.Clock.SetUtcNow(new DateTimeOffset(2026, 6, 15, 9, 0, 0, TimeSpan.Zero));
        var record = await SentAsync();
        await _board.ClickAsync("la-1", "partners.view", new JsonObject { ["caseId"] = record.CaseId, ["choice"] = "NoMeeting", ["rationale"] = "a" });
        // Monday 15 June 23:30 UTC is Tuesday 16 June 00:30 in London (BST).
        _board.Clock.SetUtcNow(new DateTimeOffset(2026, 6, 15, 23, 30, 0, TimeSpan.Zero));
        var card = BoardHarness.CardOf(await _board.ClickAsync("police-1", "partners.view",
            new JsonObject { ["caseId"] = record.CaseId, ["choice"] = "NoMeeting", ["rationale"] = "b" })).ToJsonString();
        Assert.Contains("Early majority, 16 June 2026", card);
        Assert.DoesNotContain("15 June 2026", card);

        var outbox = await _board.OutboxAsync(record.CaseId);
        var notice = BoardHarness.CardOf(outbox.Single(m => m.Target == DeliveryTarget.ToUser(BoardHarness.Referrer))).ToJsonString();
        Assert.Contains("16 June 2026", notice);
        Assert.Contains("NoMeeting; EarlyMajority; 2026-06-16",
            (await _board.Cases.GetLogAsync(record.CaseId, default)).Single(l => l.Action == CaseActions.Decided).Detail);

        var change = BoardHarness.MessageOf(await _board.ClickAsync("la-1", "partners.view",
            new JsonObject { ["caseId"] = record.CaseId, ["choice"] = "MeetingRequired", ["rationale"] = "c" }));
        Assert.Contains("on 16 June 2026", change);
    }

    [Fact]
    public async Task Refresh_goes_to_Teams_ids_from_configuration_stored_chats_and_clicks()
    {
        // la-1 (object id) used the bot in a personal chat: its Teams id is stored. The chair too (casting card).
        await _board.Conversations.SavePersonalChatAsync(new PersonalChat("la-1", "a:1", "https://smba.example/", "tenant", "29:la-1-teams", true), default);
        await _board.Conversations.SavePersonalChatAsync(new PersonalChat(BoardHarness.Chair, "a:2", "https://smba.example/", "tenant", "29:chair-teams", true), default);
        await _board.TeamsIds.LoadAsync(default);
        var record = await SentAsync();
        var refresh = new JsonObject { ["caseId"] = record.CaseId };

        var first = (await _board.OutboxAsync(record.CaseId)).Single(m => m.MessageKey == PartnersCards.MessageKey);
        Assert.Equal(["29:la-1-teams", "29:la-2", "29:chair-teams"], RefreshIds(BoardHarness.CardOf(first)));

        // police-1 clicks from Teams: their Teams id is learnt and included from then on; object ids never are.
        var card = BoardHarness.CardOf(await _board.ClickAsync("police-1", "partners.refresh", refresh, teamsUserId: "29:police-teams"));
        Assert.Equal(["29:la-1-teams", "29:la-2", "29:police-teams", "29:chair-teams"], RefreshIds(card));
        Assert.DoesNotContain("icb-1", RefreshIds(card));
    }

    [Fact]
    public async Task At_most_60_refresh_ids()
    {
        _board = new BoardHarness(azurite.NewTable("partnerscard"), b =>
        {
            b.Partners[0].Members = Enumerable.Range(1, 70).Select(i => $"29:la-{i}").ToList();
        });
        var record = await SentAsync();
        var card = BoardHarness.CardOf(await _board.ClickAsync("29:la-1", "partners.refresh", new JsonObject { ["caseId"] = record.CaseId }));
        Assert.Equal(60, RefreshIds(card).Count);
        Assert.Equal(60, RefreshIds(card).Distinct().Count());
    }
}
