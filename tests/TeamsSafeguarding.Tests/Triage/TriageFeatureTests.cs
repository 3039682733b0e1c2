using TeamsSafeguarding.Escalation.Cases;
using TeamsSafeguarding.Tests.Support;
using System.Text.Json.Nodes;
using TeamsSafeguarding.Cases;
using TeamsSafeguarding.Outbox;
using TeamsSafeguarding.Partners;
using TeamsSafeguarding.Tests.Cards;
using TeamsSafeguarding.Triage;
using Xunit;

namespace TeamsSafeguarding.Tests.Triage;

[Collection("Azurite")]
public sealed class TriageFeatureTests(AzuriteFixture azurite)
{
    private readonly BoardHarness _board = new(azurite.NewTable("triage"));

    [Fact]
    public async Task The_received_notice_is_the_triage_card_with_five_checks_in_plain_words_and_no_personal_data()
    {
        var record = await _board.SeedReceivedAsync();
        var message = _board.Notice.ForCoordinators(record, null, _board.Clock.GetUtcNow())!;
        var card = BoardHarness.CardOf(message);
        CardSchema.AssertValid(card);
        var json = card.ToJsonString();
        var checks = card["body"]!.AsArray().Where(e => e!["type"]!.GetValue<string>() == "Input.Toggle").ToList();
        Assert.Equal(5, checks.Count);
        Assert.Contains(checks, c => ((string)c!["title"]!).StartsWith("Capacity present: capacity for the decision was assessed (how, when and by whom) and the person has it."));
        // Two buttons, the primary first; the referral is a row that opens it; no "send without triage" while nobody is away.
        Assert.Equal(["triage.send", "triage.return"], card["actions"]!.AsArray().Select(a => (string)a!["verb"]!));
        Assert.Contains(CardJsonQuery.Objects(card["body"]), o => (string?)o["selectAction"]?["verb"] == "case.details");
        Assert.DoesNotContain("triage.forwardUntriaged", json);
        Assert.Contains("Not recorded as away today", json);
        Assert.Contains("2 March 2026", json); // received, a London date
        Assert.Equal("triage-card", message.MessageKey);
        Assert.DoesNotContain(BoardHarness.Referrer, json);
    }

    [Fact]
    public async Task A_triage_late_on_a_summer_evening_is_dated_with_the_London_day_on_the_card_and_when_shown_again()
    {
        _board.Clock.SetUtcNow(new DateTimeOffset(2026, 6, 15, 23, 30, 0, TimeSpan.Zero)); // 00:30 on 16 June in London (BST)
        var record = await _board.SeedReceivedAsync();
        Assert.True(await _board.Cases.ClaimReferenceAsync("SAB-2026-0001", record.CaseId, default));
        var card = BoardHarness.CardOf(await _board.ClickAsync(BoardHarness.Dbm, "triage.send", BoardHarness.AllChecks("Met", record.CaseId)));
        Assert.Contains("16 June 2026", card.ToJsonString());
        Assert.DoesNotContain("15 June 2026", card.ToJsonString());
        var again = await _board.TypeAsync(BoardHarness.Coordinator, "case SAB-2026-0001", BoardHarness.CoordinatorsChannel + ";messageid=1");
        Assert.NotEmpty(again);
        Assert.Contains("16 June 2026", CardJsonQuery.AllText(BoardHarness.CardOf((await _board.OutboxAsync(record.CaseId)).Last(m => m.Target.Id == BoardHarness.CoordinatorsChannel))));
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
        Assert.Contains("is not ticked as met", card.ToJsonString());
        Assert.Equal(CaseStage.Received, (await _board.Cases.GetAsync(record.CaseId, default))!.Stage);
    }

    [Fact]
    public async Task A_coordinator_cannot_send_untriaged_while_the_deputy_is_not_recorded_as_away()
    {
        var record = await _board.SeedReceivedAsync();
        var answer = BoardHarness.MessageOf(await _board.ClickAsync(BoardHarness.Coordinator, "triage.forwardUntriaged", new JsonObject { ["caseId"] = record.CaseId }));

        Assert.Contains("only while the deputy board manager is recorded as away", answer);
        Assert.Equal(CaseStage.Received, (await _board.Cases.GetAsync(record.CaseId, default))!.Stage);
        Assert.Contains(await _board.Cases.GetLogAsync(record.CaseId, default),
            l => l.Action == CaseActions.AccessRefused && l.Detail!.Contains("not recorded as away") && l.ActorKey == BoardHarness.Coordinator);
        Assert.Empty(await _board.OutboxAsync(record.CaseId));
    }

    [Fact]
    public async Task A_cover_period_set_by_a_coordinator_updates_the_waiting_triage_card_and_lets_a_coordinator_send_untriaged_logging_the_absence()
    {
        var record = await _board.SeedReceivedAsync();
        await _board.Table.UpsertEntityAsync(new Azure.Data.Tables.TableEntity(TeamsSafeguarding.Cases.CaseRow.PartitionOf(record.CaseId),
            OutboxRow.PostedKey(TeamsSafeguarding.Triage.ReceivedReferralNotice.TriageCardKey)));

        var shown = await _board.TypeAsync(BoardHarness.Coordinator, "away", BoardHarness.CoordinatorsChannel);
        var form = BoardHarness.CardOf(Assert.Single(shown));
        Assert.Contains("Not recorded as away", form.ToJsonString());
        var recorded = BoardHarness.CardOf(await _board.ClickAsync(BoardHarness.Coordinator, "absence.record",
            new JsonObject { ["absenceFrom"] = "2026-03-02", ["absenceTo"] = "2026-03-06" }));
        Assert.Contains("Away 2 March 2026 to 6 March 2026 (cover set by a coordinator)", recorded.ToJsonString());
        Assert.Contains("Deputy board manager away: Recorded: away 2 March 2026 to 6 March 2026 (cover set by a coordinator)",
            string.Join("\n", (await _board.Absences.GetChangesAsync(default)).Select(c => $"Deputy board manager away: {c.What}")));

        // The triage card waiting in the channel is redrawn: it says the deputy is away and offers to send it on untriaged.
        var update = BoardHarness.CardOf(Assert.Single(await _board.OutboxAsync(record.CaseId),
            m => m.Target == DeliveryTarget.UpdateOf(TeamsSafeguarding.Triage.ReceivedReferralNotice.TriageCardKey)));
        Assert.Contains("cover set by a coordinator", update.ToJsonString());
        Assert.Contains(CardJsonQuery.Objects(update["body"]), o => (string?)o["selectAction"]?["verb"] == "triage.forwardUntriaged");

        await _board.ClickAsync(BoardHarness.Coordinator, "triage.forwardUntriaged", new JsonObject { ["caseId"] = record.CaseId });
        Assert.Equal(CaseStage.WithPartners, (await _board.Cases.GetAsync(record.CaseId, default))!.Stage);
        var row = PartnersRow.FromEntity((await _board.Cases.GetRowAsync(record.CaseId, PartnersRow.Row, default))!);
        Assert.True(row.NotTriaged);
        var post = Assert.Single(await _board.OutboxAsync(record.CaseId), m => m.MessageKey == PartnersCards.MessageKey);
        Assert.Contains("Not triaged:** the deputy board manager was away", BoardHarness.CardOf(post).ToJsonString());
        var sent = Assert.Single(await _board.Cases.GetLogAsync(record.CaseId, default), l => l.Action == CaseActions.SentUntriaged);
        Assert.Equal("Triage not completed; deputy board manager away 2 March 2026 to 6 March 2026 (cover set by a coordinator)", sent.Detail);
    }

    [Fact]
    public async Task The_deputys_own_away_is_recorded_as_theirs_ends_early_and_outsiders_cannot_set_it()
    {
        Assert.Equal(DeputyAbsenceFeature.Refused, (await _board.TypeAsync(BoardHarness.Outsider, "away", "a:outsider", "personal")).Single().Activity.Text);
        Assert.Equal(DeputyAbsenceFeature.Refused, BoardHarness.MessageOf(await _board.ClickAsync("police-1", "absence.record",
            new JsonObject { ["absenceFrom"] = "2026-03-02", ["absenceTo"] = "2026-03-06" })));

        var refused = BoardHarness.CardOf(await _board.ClickAsync(BoardHarness.Dbm, "absence.record", new JsonObject { ["absenceFrom"] = "2026-03-06", ["absenceTo"] = "2026-03-02" }));
        Assert.Contains("cannot be before the first", refused.ToJsonString());
        Assert.Null(await _board.Absences.GetAsync(default));

        await _board.ClickAsync(BoardHarness.Dbm, "absence.record", new JsonObject { ["absenceFrom"] = "2026-03-02", ["absenceTo"] = "2026-03-13" });
        _board.Clock.Advance(TimeSpan.FromHours(1));
        var absence = await _board.Absences.GetAsync(default);
        Assert.Equal((TeamsSafeguarding.Escalation.Triage.AbsenceRecordedAs.Own, BoardHarness.Dbm), (absence!.RecordedAs, absence.RecordedBy));
        var ended = BoardHarness.CardOf(await _board.ClickAsync(BoardHarness.Dbm, "absence.end", new JsonObject()));
        Assert.Contains("not recorded as away", ended.ToJsonString());
        Assert.Null(await _board.Absences.GetAsync(default));
        Assert.Equal(["Absence ended", "Recorded: away 2 March 2026 to 13 March 2026 (recorded by the deputy board manager)"],
            (await _board.Absences.GetChangesAsync(default)).Select(c => c.What));
    }

    [Fact]
    public async Task A_board_that_allows_it_always_lets_a_coordinator_send_untriaged_with_nothing_recorded()
    {
        var board = new BoardHarness(azurite.NewTable("triage"), profile: TeamsSafeguarding.Escalation.Process.ProcessProfile.Default with
            { UntriagedForwarding = TeamsSafeguarding.Escalation.Process.UntriagedForwarding.Always });
        var record = await board.SeedReceivedAsync();
        Assert.Contains("triage.forwardUntriaged", BoardHarness.CardOf(board.Notice.ForCoordinators(record, null, board.Clock.GetUtcNow())!).ToJsonString());
        await board.ClickAsync(BoardHarness.Coordinator, "triage.forwardUntriaged", new JsonObject { ["caseId"] = record.CaseId });
        Assert.Equal(CaseStage.WithPartners, (await board.Cases.GetAsync(record.CaseId, default))!.Stage);
        Assert.Equal("Triage not completed", Assert.Single(await board.Cases.GetLogAsync(record.CaseId, default), l => l.Action == CaseActions.SentUntriaged).Detail);
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
