using Azure.Data.Tables;
using System.Text.Json.Nodes;
using TeamsSafeguarding.Escalation.Process;
using TeamsSafeguarding.Escalation.Cases;
using TeamsSafeguarding.Cases;
using TeamsSafeguarding.Conversations;
using TeamsSafeguarding.Escalation.Partners;
using TeamsSafeguarding.Outbox;
using TeamsSafeguarding.Partners;
using TeamsSafeguarding.Tests.Cards;
using TeamsSafeguarding.Tests.Support;
using TeamsSafeguarding.Tests.Triage;
using Xunit;

namespace TeamsSafeguarding.Tests.Partners;

/// <summary>The end of working day 10 and the reminders before WD 5 and WD 10, driven by a fake clock on Azurite.</summary>
[Collection("Azurite")]
public sealed class PartnerDeadlinesTests(AzuriteFixture azurite)
{
    // Sent Monday 2 March 2026 (GMT): views due end of Monday 9 March, decision due end of Monday 16 March.
    private static readonly DateTimeOffset LastMinuteOfDay10 = new(2026, 3, 16, 23, 59, 0, TimeSpan.Zero);
    private static readonly DateTimeOffset EndOfDay10 = new(2026, 3, 17, 0, 0, 0, TimeSpan.Zero);

    private BoardHarness _board = new(azurite.NewTable("deadlines"));

    private async Task<Case> SentAsync()
    {
        var record = await _board.SeedReceivedAsync();
        await _board.ClickAsync(BoardHarness.Dbm, "triage.send", BoardHarness.AllChecks("Met", record.CaseId));
        return record;
    }

    private Task ViewAsync(string member, string caseId, string choice) =>
        _board.ClickAsync(member, "partners.view", new JsonObject { ["caseId"] = caseId, ["choice"] = choice, ["rationale"] = "Reason " + member });

    private async Task<PartnersRow> RowAsync(string caseId) =>
        PartnersRow.FromEntity((await _board.Cases.GetRowAsync(caseId, PartnersRow.Row, default))!);

    [Fact]
    public async Task Without_early_decision_the_majority_at_the_end_of_day_10_decides_once()
    {
        _board = new BoardHarness(azurite.NewTable("deadlines"), profile: ProcessProfile.Default with { EarlyDecision = false });
        var record = await SentAsync();
        await ViewAsync("la-1", record.CaseId, "MeetingRequired");
        await ViewAsync("police-1", record.CaseId, "MeetingRequired");
        await ViewAsync("icb-1", record.CaseId, "NoMeeting");

        _board.Clock.SetUtcNow(LastMinuteOfDay10);
        // Still open: only the coordinators' reminder of the decision deadline (every agency has a view).
        Assert.Equal(new PartnerDeadlines.SweepResult(0, 0, 1), await _board.Deadlines.SweepOnceAsync(default));
        var reminder = (await _board.OutboxAsync(record.CaseId)).Last();
        Assert.Equal(DeliveryTarget.ToChannel(BoardHarness.CoordinatorsChannel), reminder.Target);
        Assert.Contains("Every statutory partner has given its view", BoardHarness.CardOf(reminder).ToJsonString());
        Assert.Equal(CaseStage.WithPartners, (await _board.Cases.GetAsync(record.CaseId, default))!.Stage);

        _board.Clock.SetUtcNow(EndOfDay10);
        Assert.Equal(new PartnerDeadlines.SweepResult(1, 0, 0), await _board.Deadlines.SweepOnceAsync(default));
        Assert.Equal(CaseStage.MeetingRequired, (await _board.Cases.GetAsync(record.CaseId, default))!.Stage);
        var row = await RowAsync(record.CaseId);
        Assert.Equal(DecisionMethod.MajorityAtDeadline, row.Method);
        Assert.Equal(PartnerChoice.MeetingRequired, row.Outcome);
        var decided = Assert.Single(await _board.Cases.GetLogAsync(record.CaseId, default), l => l.Action == CaseActions.Decided);
        Assert.Equal("MeetingRequired; MajorityAtDeadline; 2026-03-16", decided.Detail);
        Assert.Equal(CaseActor.System.Key, decided.ActorKey);

        var outbox = await _board.OutboxAsync(record.CaseId);
        var update = outbox.Last(m => m.Target == DeliveryTarget.UpdateOf(PartnersCards.MessageKey));
        CardSchema.AssertValid(BoardHarness.CardOf(update));
        Assert.Contains("Majority at deadline, 16 March 2026", BoardHarness.CardOf(update).ToJsonString());
        // Meeting required: the referrer and the coordinators are told, and the voting buttons are gone for members.
        var toReferrer = Assert.Single(outbox, m => m.Target == DeliveryTarget.ToUser(BoardHarness.Referrer));
        Assert.Contains("senior management review meeting will be arranged", BoardHarness.CardOf(toReferrer).ToJsonString());
        Assert.Single(outbox, m => m.Target == DeliveryTarget.ToChannel(BoardHarness.CoordinatorsChannel) && m.MessageKey == DecisionEffects.NoticeKey);
        var memberCard = BoardHarness.CardOf(await _board.ClickAsync("icb-1", "partners.refresh", new JsonObject { ["caseId"] = record.CaseId }));
        Assert.DoesNotContain("partners.view", memberCard.ToJsonString());

        _board.Clock.Advance(TimeSpan.FromHours(1));
        Assert.Equal(new PartnerDeadlines.SweepResult(0, 0, 0), await _board.Deadlines.SweepOnceAsync(default));
        Assert.Equal(outbox.Count, (await _board.OutboxAsync(record.CaseId)).Count);
    }

    [Theory]
    [InlineData("Chair", BoardHarness.Chair, "chair")]
    [InlineData("DeputyBoardManager", BoardHarness.Dbm, "deputy board manager")]
    public async Task A_tie_at_the_deadline_asks_the_casting_decider_once(string tieBreak, string decider, string words)
    {
        _board = new BoardHarness(azurite.NewTable("deadlines"), profile: ProcessProfile.Default with { CastingBy = Enum.Parse<CastingActor>(tieBreak) });
        await _board.Conversations.SavePersonalChatAsync(new PersonalChat(decider, "a:chat", "https://smba.example/", "tenant", "29:decider", true), default);
        var record = await SentAsync();
        await ViewAsync("la-1", record.CaseId, "MeetingRequired");
        await ViewAsync("police-1", record.CaseId, "NoMeeting");

        _board.Clock.SetUtcNow(EndOfDay10.AddHours(7));
        Assert.Equal(new PartnerDeadlines.SweepResult(0, 1, 0), await _board.Deadlines.SweepOnceAsync(default));
        Assert.Equal(CaseStage.WithPartners, (await _board.Cases.GetAsync(record.CaseId, default))!.Stage);
        Assert.Equal(EndOfDay10.AddHours(7), (await RowAsync(record.CaseId)).CastingRequestedAt);
        var logged = Assert.Single(await _board.Cases.GetLogAsync(record.CaseId, default), l => l.Action == CaseActions.AwaitingCasting);
        Assert.Equal($"No majority at the deadline (1 meeting required, 1 no meeting, 1 without a view); {words} asked", logged.Detail);

        var outbox = await _board.OutboxAsync(record.CaseId);
        var update = outbox.Last(m => m.Target == DeliveryTarget.UpdateOf(PartnersCards.MessageKey));
        Assert.Contains("Awaiting casting decision", BoardHarness.CardOf(update).ToJsonString());
        foreach (var channel in new[] { BoardHarness.PartnersChannel, BoardHarness.CoordinatorsChannel })
        {
            var request = Assert.Single(outbox, m => m.Target == DeliveryTarget.ToChannel(channel) && m.MessageKey is null);
            var card = BoardHarness.CardOf(request);
            CardSchema.AssertValid(card);
            Assert.Contains($"the {words} decides", card.ToJsonString());
            Assert.Contains("No view from", card.ToJsonString());
            Assert.DoesNotContain("Reason", card.ToJsonString()); // no rationale in the channel request
            var mention = Assert.Single(request.Activity.Entities!);
            Assert.Equal("29:decider", mention["mentioned"]!["id"]!.GetValue<string>());
            Assert.Contains(mention["text"]!.GetValue<string>(), request.Activity.Text);
        }
        Assert.Single(outbox, m => m.Target == DeliveryTarget.ToUser(decider));

        // The request's button opens the decider's own casting card.
        var own = BoardHarness.CardOf(await _board.ClickAsync(decider, "partners.refresh", new JsonObject { ["caseId"] = record.CaseId }));
        Assert.Contains("partners.cast", own.ToJsonString());

        _board.Clock.Advance(TimeSpan.FromDays(1));
        Assert.Equal(new PartnerDeadlines.SweepResult(0, 0, 0), await _board.Deadlines.SweepOnceAsync(default));
        Assert.Equal(outbox.Count, (await _board.OutboxAsync(record.CaseId)).Count);
    }

    [Fact]
    public async Task No_views_at_all_by_the_deadline_also_goes_to_the_chair()
    {
        var record = await SentAsync();
        _board.Clock.SetUtcNow(EndOfDay10);
        Assert.Equal(new PartnerDeadlines.SweepResult(0, 1, 0), await _board.Deadlines.SweepOnceAsync(default));
        var logged = Assert.Single(await _board.Cases.GetLogAsync(record.CaseId, default), l => l.Action == CaseActions.AwaitingCasting);
        Assert.Contains("0 meeting required, 0 no meeting, 3 without a view", logged.Detail);
        // Nobody's Teams id is known: no mention, but the chair still hears in their personal chat.
        var outbox = await _board.OutboxAsync(record.CaseId);
        Assert.All(outbox.Where(m => m.Target.Kind == TargetKind.Channel && m.MessageKey is null), m => Assert.Null(m.Activity.Entities));
        Assert.Single(outbox, m => m.Target == DeliveryTarget.ToUser(BoardHarness.Chair));
    }

    [Fact]
    public async Task Partners_without_a_view_and_coordinators_are_reminded_once_the_working_day_before_each_deadline()
    {
        // Day 0 is Thursday 2 April 2026, the day before Good Friday: views due Monday 13 April, decision Monday 20 April.
        _board.Clock.SetUtcNow(new DateTimeOffset(2026, 4, 2, 10, 0, 0, TimeSpan.Zero));
        var record = await SentAsync();
        var row = await RowAsync(record.CaseId);
        Assert.Equal((new DateOnly(2026, 4, 13), new DateOnly(2026, 4, 20)), (row.ViewsDue, row.DecisionDue));
        await ViewAsync("la-1", record.CaseId, "MeetingRequired");
        var before = (await _board.OutboxAsync(record.CaseId)).Count;

        // 08:59 London (BST) on Friday 10 April: not yet.
        _board.Clock.SetUtcNow(new DateTimeOffset(2026, 4, 10, 7, 59, 0, TimeSpan.Zero));
        Assert.Equal(new PartnerDeadlines.SweepResult(0, 0, 0), await _board.Deadlines.SweepOnceAsync(default));

        // 09:00 London on Friday 10 April, the working day before Monday 13 April.
        _board.Clock.SetUtcNow(new DateTimeOffset(2026, 4, 10, 8, 0, 0, TimeSpan.Zero));
        Assert.Equal(new PartnerDeadlines.SweepResult(0, 0, 1), await _board.Deadlines.SweepOnceAsync(default));
        var sent = (await _board.OutboxAsync(record.CaseId)).Skip(before).ToList();
        Assert.Equal(
            new[] { DeliveryTarget.ToUser("police-1"), DeliveryTarget.ToUser("icb-1"), DeliveryTarget.ToChannel(BoardHarness.CoordinatorsChannel) }.Order(Comparer),
            sent.Select(m => m.Target).Order(Comparer));
        foreach (var message in sent)
        {
            var json = BoardHarness.CardOf(message);
            CardSchema.AssertValid(json);
            Assert.Contains("SAB-2026-0001", json.ToJsonString());
            Assert.Contains("13 April 2026", json.ToJsonString());
            Assert.DoesNotContain("Housing association", json.ToJsonString());
            Assert.DoesNotContain("Reason", json.ToJsonString());
        }
        Assert.Contains("Police, NHS integrated care board", BoardHarness.CardOf(sent.Single(m => m.Target.Kind == TargetKind.Channel)).ToJsonString());
        Assert.Equal([ReminderKind.Views], (await RowAsync(record.CaseId)).RemindersSent);

        _board.Clock.Advance(TimeSpan.FromHours(3));
        Assert.Equal(new PartnerDeadlines.SweepResult(0, 0, 0), await _board.Deadlines.SweepOnceAsync(default));

        // The decision reminder: Friday 17 April, the police view in by then.
        await ViewAsync("police-1", record.CaseId, "NoMeeting");
        _board.Clock.SetUtcNow(new DateTimeOffset(2026, 4, 17, 8, 0, 0, TimeSpan.Zero));
        var beforeDecision = (await _board.OutboxAsync(record.CaseId)).Count;
        Assert.Equal(new PartnerDeadlines.SweepResult(0, 0, 1), await _board.Deadlines.SweepOnceAsync(default));
        var decisionReminders = (await _board.OutboxAsync(record.CaseId)).Skip(beforeDecision).Select(m => m.Target).ToList();
        Assert.Equal(new[] { DeliveryTarget.ToUser("icb-1"), DeliveryTarget.ToChannel(BoardHarness.CoordinatorsChannel) }.Order(Comparer), decisionReminders.Order(Comparer));
        Assert.Equal(2, (await _board.Cases.GetLogAsync(record.CaseId, default)).Count(l => l.Action == CaseActions.ReminderSent));
        Assert.Equal(new PartnerDeadlines.SweepResult(0, 0, 0), await _board.Deadlines.SweepOnceAsync(default));
    }

    [Fact]
    public async Task A_reminder_whose_deadline_has_passed_is_not_sent_late()
    {
        var record = await SentAsync();
        // First sweep on Tuesday 10 March: the views deadline (end of Monday 9 March) has passed.
        _board.Clock.SetUtcNow(new DateTimeOffset(2026, 3, 10, 9, 0, 0, TimeSpan.Zero));
        Assert.Equal(new PartnerDeadlines.SweepResult(0, 0, 0), await _board.Deadlines.SweepOnceAsync(default));
        Assert.Empty((await RowAsync(record.CaseId)).RemindersSent ?? []);
    }

    [Fact]
    public async Task A_decided_case_gets_no_reminders()
    {
        var record = await SentAsync();
        await ViewAsync("la-1", record.CaseId, "NoMeeting");
        await ViewAsync("police-1", record.CaseId, "NoMeeting");
        _board.Clock.SetUtcNow(new DateTimeOffset(2026, 3, 6, 9, 30, 0, TimeSpan.Zero)); // Friday before the views deadline
        Assert.Equal(new PartnerDeadlines.SweepResult(0, 0, 0), await _board.Deadlines.SweepOnceAsync(default));
    }

    private static readonly Comparer<DeliveryTarget> Comparer = Comparer<DeliveryTarget>.Create((a, b) =>
        string.CompareOrdinal($"{a.Kind}|{a.Id}", $"{b.Kind}|{b.Id}"));

    [Fact]
    public async Task A_case_that_cannot_be_read_is_logged_and_skipped_and_the_other_cases_still_get_their_reminders()
    {
        var healthy = await SentAsync();
        var badRow = await SentAsync();
        var badHead = await SentAsync();
        // One case's partners row is damaged (a date that is not a date), another's head has a stage nobody knows.
        var row = (await _board.Cases.GetRowAsync(badRow.CaseId, PartnersRow.Row, default))!;
        row["ViewsDue"] = "not a date";
        await _board.Table.UpdateEntityAsync(row, Azure.ETag.All, TableUpdateMode.Merge);
        var head = (await _board.Cases.GetRowAsync(badHead.CaseId, CaseRow.Row, default))!;
        head["Stage"] = "WithPartners";
        head["ReferrerKey"] = null;
        await _board.Table.UpdateEntityAsync(head, Azure.ETag.All, TableUpdateMode.Replace);
        var before = (await _board.OutboxAsync(healthy.CaseId)).Count;

        // 09:00 London on Friday 6 March, the working day before the views deadline (Monday 9 March).
        _board.Clock.SetUtcNow(new DateTimeOffset(2026, 3, 6, 9, 0, 0, TimeSpan.Zero));
        var result = await _board.Deadlines.SweepOnceAsync(default);

        Assert.Equal(new PartnerDeadlines.SweepResult(0, 0, 1, Failed: 2), result);
        Assert.True((await _board.OutboxAsync(healthy.CaseId)).Count > before);
        Assert.Contains(await _board.Cases.GetLogAsync(healthy.CaseId, default), l => l.Action == CaseActions.ReminderSent);
    }
}
