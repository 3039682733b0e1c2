using TeamsSafeguarding.Escalation.Cases;
using TeamsSafeguarding.Tests.Support;
using System.Text.Json.Nodes;
using TeamsSafeguarding.Cases;
using TeamsSafeguarding.Outbox;
using TeamsSafeguarding.Partners;
using TeamsSafeguarding.Tests.Cards;
using Xunit;

namespace TeamsSafeguarding.Tests.Triage;

[Collection("Azurite")]
public sealed class TriageFeatureTests(AzuriteFixture azurite)
{
    private readonly BoardHarness _board = new(azurite.NewTable("triage"));

    [Fact]
    public async Task The_received_notice_is_the_triage_card_with_five_checks_and_no_personal_data()
    {
        var record = await _board.SeedReceivedAsync();
        var message = _board.Notice.ForCoordinators(record)!;
        var card = BoardHarness.CardOf(message);
        CardSchema.AssertValid(card);
        var json = card.ToJsonString();
        Assert.Equal(5, card["body"]!.AsArray().Count(e => e!["type"]!.GetValue<string>() == "Input.ChoiceSet"));
        Assert.Contains("triage.return", json);
        Assert.Contains("triage.send", json);
        Assert.Contains("triage.forwardUntriaged", json);
        Assert.Equal("triage-card", message.MessageKey);
        Assert.DoesNotContain(BoardHarness.Referrer, json);
    }

    [Fact]
    public async Task Returning_needs_a_note_then_returns_to_the_referrer_naming_unmet_items()
    {
        var record = await _board.SeedReceivedAsync();
        var data = BoardHarness.AllChecks("Met", record.CaseId);
        data["capacityPresent"] = "NotMet";

        var refused = BoardHarness.CardOf(await _board.ClickAsync(BoardHarness.Dbm, "triage.return", data));
        CardSchema.AssertValid(refused);
        Assert.Contains("Please write a note", refused.ToJsonString());
        Assert.Equal(CaseStage.Received, (await _board.Cases.GetAsync(record.CaseId, default))!.Stage);

        data["returnNote"] = "Please add the capacity assessment.";
        var answer = BoardHarness.CardOf(await _board.ClickAsync(BoardHarness.Dbm, "triage.return", data));
        CardSchema.AssertValid(answer);
        Assert.DoesNotContain("triage.send", answer.ToJsonString());

        Assert.Equal(CaseStage.Returned, (await _board.Cases.GetAsync(record.CaseId, default))!.Stage);
        var outbox = await _board.OutboxAsync(record.CaseId);
        var toReferrer = Assert.Single(outbox, m => m.Target == DeliveryTarget.ToUser(BoardHarness.Referrer));
        var referrerCard = BoardHarness.CardOf(toReferrer);
        CardSchema.AssertValid(referrerCard);
        Assert.Contains("Capacity present", referrerCard.ToJsonString());
        Assert.Contains("referral.resume", referrerCard.ToJsonString());
        Assert.Single(outbox, m => m.Target == DeliveryTarget.UpdateOf(TeamsSafeguarding.Triage.ReceivedReferralNotice.TriageCardKey));

        var triage = await _board.Cases.GetRowAsync(record.CaseId, "triage", default);
        Assert.Equal("ReturnedToReferrer", triage!.GetString("Outcome"));
        Assert.Equal("CapacityPresent", triage.GetString("FailedChecks"));
        var log = await _board.Cases.GetLogAsync(record.CaseId, default);
        Assert.Contains(log, l => l.Action == CaseActions.Returned && l.Detail!.Contains("Capacity present"));
        Assert.DoesNotContain(log, l => (l.Detail ?? "").Contains("capacity assessment"));
    }

    [Fact]
    public async Task Sending_moves_to_partners_with_deadlines_from_the_calendar_and_posts_the_partners_card()
    {
        var record = await _board.SeedReceivedAsync();
        var answer = await _board.ClickAsync(BoardHarness.Dbm, "triage.send", BoardHarness.AllChecks("Met", record.CaseId));
        CardSchema.AssertValid(BoardHarness.CardOf(answer));

        Assert.Equal(CaseStage.WithPartners, (await _board.Cases.GetAsync(record.CaseId, default))!.Stage);
        var row = PartnersRow.FromEntity((await _board.Cases.GetRowAsync(record.CaseId, PartnersRow.Row, default))!);
        // Sent Monday 2 March 2026: WD5 is Monday 9 March, WD10 Monday 16 March.
        Assert.Equal(new DateOnly(2026, 3, 9), row.ViewsDue);
        Assert.Equal(new DateOnly(2026, 3, 16), row.DecisionDue);
        Assert.False(row.NotTriaged);

        var outbox = await _board.OutboxAsync(record.CaseId);
        var post = Assert.Single(outbox, m => m.Target == DeliveryTarget.ToChannel(BoardHarness.PartnersChannel));
        Assert.Equal(PartnersCards.MessageKey, post.MessageKey);
        CardSchema.AssertValid(BoardHarness.CardOf(post));
        Assert.Contains(await _board.Cases.GetLogAsync(record.CaseId, default), l => l.Action == CaseActions.SentToPartners);
    }

    [Fact]
    public async Task Sending_with_an_unmet_check_is_refused_on_the_card()
    {
        var record = await _board.SeedReceivedAsync();
        var data = BoardHarness.AllChecks("Met", record.CaseId);
        data["seniorManagerNamed"] = "NotMet";
        var card = BoardHarness.CardOf(await _board.ClickAsync(BoardHarness.Dbm, "triage.send", data));
        CardSchema.AssertValid(card);
        Assert.Contains("marked as not met", card.ToJsonString());
        Assert.Equal(CaseStage.Received, (await _board.Cases.GetAsync(record.CaseId, default))!.Stage);
    }

    [Fact]
    public async Task A_coordinator_can_send_untriaged_and_the_partners_card_says_so()
    {
        var record = await _board.SeedReceivedAsync();
        await _board.ClickAsync(BoardHarness.Coordinator, "triage.forwardUntriaged", new JsonObject { ["caseId"] = record.CaseId });

        Assert.Equal(CaseStage.WithPartners, (await _board.Cases.GetAsync(record.CaseId, default))!.Stage);
        var row = PartnersRow.FromEntity((await _board.Cases.GetRowAsync(record.CaseId, PartnersRow.Row, default))!);
        Assert.True(row.NotTriaged);
        var post = Assert.Single(await _board.OutboxAsync(record.CaseId), m => m.MessageKey == PartnersCards.MessageKey);
        Assert.Contains("Triage not completed", BoardHarness.CardOf(post).ToJsonString());
        Assert.Contains(await _board.Cases.GetLogAsync(record.CaseId, default), l => l.Action == CaseActions.SentUntriaged);
    }

    [Theory]
    [InlineData(BoardHarness.Outsider, "triage.send")]
    [InlineData("police-1", "triage.send")]
    [InlineData(BoardHarness.Coordinator, "triage.return")]
    [InlineData(BoardHarness.Dbm, "triage.forwardUntriaged")]
    [InlineData("police-1", "triage.forwardUntriaged")]
    public async Task People_without_the_role_are_refused_politely_and_it_is_logged(string who, string verb)
    {
        var record = await _board.SeedReceivedAsync();
        var data = BoardHarness.AllChecks("Met", record.CaseId);
        var message = BoardHarness.MessageOf(await _board.ClickAsync(who, verb, data));
        Assert.StartsWith("Only", message);
        Assert.Equal(CaseStage.Received, (await _board.Cases.GetAsync(record.CaseId, default))!.Stage);
        Assert.Contains(await _board.Cases.GetLogAsync(record.CaseId, default), l => l.Action == CaseActions.AccessRefused && l.ActorKey == who);
        Assert.Empty(await _board.OutboxAsync(record.CaseId));
    }

    [Fact]
    public async Task A_second_triage_after_the_first_is_refused()
    {
        var record = await _board.SeedReceivedAsync();
        await _board.ClickAsync(BoardHarness.Dbm, "triage.send", BoardHarness.AllChecks("Met", record.CaseId));
        var card = BoardHarness.CardOf(await _board.ClickAsync(BoardHarness.Dbm, "triage.send", BoardHarness.AllChecks("Met", record.CaseId)));
        Assert.Contains("no longer waiting for triage", card.ToJsonString());
        Assert.Single(await _board.OutboxAsync(record.CaseId), m => m.MessageKey == PartnersCards.MessageKey);
    }
}
