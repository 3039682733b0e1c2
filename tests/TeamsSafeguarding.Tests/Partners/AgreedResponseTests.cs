using System.Text.Json.Nodes;
using TeamsSafeguarding.Escalation.Cases;
using TeamsSafeguarding.Cards.Partners;
using TeamsSafeguarding.Cases;
using TeamsSafeguarding.Escalation.Partners;
using TeamsSafeguarding.Outbox;
using TeamsSafeguarding.Partners;
using TeamsSafeguarding.Tests.Cards;
using TeamsSafeguarding.Tests.Support;
using TeamsSafeguarding.Tests.Triage;
using Xunit;

namespace TeamsSafeguarding.Tests.Partners;

/// <summary>No meeting required: the coordinators record the agreed response; the referrer is told; the case closes.</summary>
[Collection("Azurite")]
public sealed class AgreedResponseTests(AzuriteFixture azurite)
{
    private readonly BoardHarness _board = new(azurite.NewTable("response"));

    private async Task<Case> DecidedAsync(string choice)
    {
        var record = await _board.SeedReceivedAsync();
        await _board.ClickAsync(BoardHarness.Dbm, "triage.send", BoardHarness.AllChecks("Met", record.CaseId));
        foreach (var member in new[] { "la-1", "police-1" })
            await _board.ClickAsync(member, "partners.view", new JsonObject { ["caseId"] = record.CaseId, ["choice"] = choice, ["rationale"] = "View " + member });
        return record;
    }

    private Task<global::TeamsSafeguarding.Teams.InvokeResponse> RecordAsync(string who, string caseId, JsonObject fields)
    {
        fields["caseId"] = caseId;
        return _board.ClickAsync(who, PartnersVerbs.RecordResponse, fields);
    }

    [Fact]
    public void The_card_ids_are_the_rule_field_names()
    {
        Assert.Equal(AgreedResponse.RationaleField, AgreedResponseCard.RationaleId);
        Assert.Equal(AgreedResponse.ActionField(2, "owner"), AgreedResponseCard.ActionId(2, "owner"));
    }

    [Fact]
    public async Task A_coordinator_records_it_the_referrer_gets_it_and_the_case_closes()
    {
        var record = await DecidedAsync("NoMeeting");
        var notice = Assert.Single(await _board.OutboxAsync(record.CaseId), m => m.MessageKey == DecisionEffects.NoticeKey);
        Assert.Equal(DeliveryTarget.ToChannel(BoardHarness.CoordinatorsChannel), notice.Target);
        Assert.Contains(PartnersVerbs.OpenResponse, BoardHarness.CardOf(notice).ToJsonString());
        var referrerNotice = Assert.Single(await _board.OutboxAsync(record.CaseId), m => m.Target == DeliveryTarget.ToUser(BoardHarness.Referrer));
        Assert.DoesNotContain(PartnersVerbs.OpenResponse, BoardHarness.CardOf(referrerNotice).ToJsonString());

        var form = BoardHarness.CardOf(await _board.ClickAsync(BoardHarness.Coordinator, PartnersVerbs.OpenResponse, new JsonObject { ["caseId"] = record.CaseId }));
        CardSchema.AssertValid(form);
        Assert.Contains(PartnersVerbs.RecordResponse, form.ToJsonString());

        // Monday 2 March 2026: a blank rationale, action 1 without an owner and dated last week, action 2 left blank
        // between it and action 3.
        var refused = BoardHarness.CardOf(await RecordAsync(BoardHarness.Coordinator, record.CaseId, new JsonObject
        {
            ["responseRationale"] = "  ",
            ["actions[0].description"] = "Housing to review tenancy support",
            ["actions[0].due"] = "2026-02-23",
            ["actions[2].description"] = "GP to offer a review",
            ["actions[2].owner"] = "GP practice",
            ["actions[2].due"] = "2026-03-20",
        }));
        CardSchema.AssertValid(refused);
        var text = refused.ToJsonString();
        Assert.Contains("Please give the rationale", text);
        Assert.Contains("Please say who owns action 1", text);
        Assert.Contains("The date for action 1 is in the past", text);
        Assert.Contains("Please describe action 2", text);
        Assert.DoesNotContain("owns action 3", text);
        Assert.DoesNotContain("describe action 3", text);
        Assert.Contains("Housing to review tenancy support", text); // typed values kept
        Assert.Equal(CaseStage.NoMeeting, (await _board.Cases.GetAsync(record.CaseId, default))!.Stage);

        _board.Clock.Advance(TimeSpan.FromDays(1));
        var before = (await _board.OutboxAsync(record.CaseId)).Count;
        var recorded = BoardHarness.CardOf(await RecordAsync(BoardHarness.Coordinator, record.CaseId, new JsonObject
        {
            ["responseRationale"] = "Single-agency work is under way and the risk is held.",
            ["actions[0].description"] = "Housing to review tenancy support",
            ["actions[0].owner"] = "Housing association",
            ["actions[0].due"] = "2026-03-20",
        }));
        CardSchema.AssertValid(recorded);
        Assert.DoesNotContain("Single-agency work", recorded.ToJsonString());
        Assert.Contains("3 March 2026", recorded.ToJsonString());

        Assert.Equal(CaseStage.Closed, (await _board.Cases.GetAsync(record.CaseId, default))!.Stage);
        var row = PartnersRow.FromEntity((await _board.Cases.GetRowAsync(record.CaseId, PartnersRow.Row, default))!);
        Assert.Equal("Single-agency work is under way and the risk is held.", row.Response!.Rationale);
        Assert.Equal(new FurtherAction("Housing to review tenancy support", "Housing association", new DateOnly(2026, 3, 20)), Assert.Single(row.Response.Actions));
        Assert.Equal(_board.Clock.GetUtcNow(), row.FeedbackAt);

        var log = await _board.Cases.GetLogAsync(record.CaseId, default);
        Assert.Equal("Feedback date 2026-03-03", Assert.Single(log, l => l.Action == CaseActions.FeedbackSent).Detail);
        Assert.Equal("1 further action(s)", Assert.Single(log, l => l.Action == CaseActions.ResponseAgreed).Detail);
        Assert.DoesNotContain(log, l => (l.Detail ?? "").Contains("Single-agency") || (l.Detail ?? "").Contains("tenancy"));

        var sent = (await _board.OutboxAsync(record.CaseId)).Skip(before).ToList();
        Assert.Equal(2, sent.Count);
        var feedback = BoardHarness.CardOf(Assert.Single(sent, m => m.Target == DeliveryTarget.ToUser(BoardHarness.Referrer)));
        CardSchema.AssertValid(feedback);
        Assert.Contains("Single-agency work is under way", feedback.ToJsonString());
        Assert.Contains("20 March 2026", feedback.ToJsonString());
        var noticeUpdate = BoardHarness.CardOf(Assert.Single(sent, m => m.Target == DeliveryTarget.UpdateOf(DecisionEffects.NoticeKey)));
        CardSchema.AssertValid(noticeUpdate);
        Assert.DoesNotContain(PartnersVerbs.OpenResponse, noticeUpdate.ToJsonString());
        Assert.DoesNotContain("Single-agency work", noticeUpdate.ToJsonString());
        Assert.Contains("Agreed response recorded on 3 March 2026", noticeUpdate.ToJsonString());

        // Clicked again: the same confirmation, nothing recorded or sent twice.
        await RecordAsync(BoardHarness.Coordinator, record.CaseId, new JsonObject { ["responseRationale"] = "Something else" });
        Assert.Equal(before + 2, (await _board.OutboxAsync(record.CaseId)).Count);
        Assert.Single(await _board.Cases.GetLogAsync(record.CaseId, default), l => l.Action == CaseActions.FeedbackSent);
    }

    [Theory]
    [InlineData("la-1")]
    [InlineData(BoardHarness.Chair)]
    [InlineData(BoardHarness.Outsider)]
    public async Task Only_coordinators_may_record_it(string who)
    {
        var record = await DecidedAsync("NoMeeting");
        var message = BoardHarness.MessageOf(await RecordAsync(who, record.CaseId, new JsonObject { ["responseRationale"] = "x" }));
        Assert.StartsWith("Only the board's coordinators", message);
        Assert.Equal(CaseStage.NoMeeting, (await _board.Cases.GetAsync(record.CaseId, default))!.Stage);
        Assert.Contains(await _board.Cases.GetLogAsync(record.CaseId, default), l => l.Action == CaseActions.AccessRefused && l.ActorKey == who);
    }

    [Fact]
    public async Task Meeting_required_is_recorded_and_told_to_coordinators_and_referrer_with_no_response_to_record()
    {
        var record = await DecidedAsync("MeetingRequired");
        Assert.Equal(CaseStage.MeetingRequired, (await _board.Cases.GetAsync(record.CaseId, default))!.Stage);
        var outbox = await _board.OutboxAsync(record.CaseId);
        foreach (var target in new[] { DeliveryTarget.ToUser(BoardHarness.Referrer), DeliveryTarget.ToChannel(BoardHarness.CoordinatorsChannel) })
        {
            var card = BoardHarness.CardOf(Assert.Single(outbox, m => m.Target == target));
            Assert.Contains("senior management review meeting will be arranged", card.ToJsonString());
            Assert.DoesNotContain(PartnersVerbs.OpenResponse, card.ToJsonString());
            // Only the coordinators' copy carries the next step's button: arranging the meeting.
            Assert.Equal(target.Kind == TargetKind.Channel, card.ToJsonString().Contains(TeamsSafeguarding.Cards.Meetings.MeetingVerbs.Arrange));
        }
        var message = BoardHarness.MessageOf(await _board.ClickAsync(BoardHarness.Coordinator, PartnersVerbs.OpenResponse, new JsonObject { ["caseId"] = record.CaseId }));
        Assert.Contains("no meeting is required", message);
        message = BoardHarness.MessageOf(await RecordAsync(BoardHarness.Coordinator, record.CaseId, new JsonObject { ["responseRationale"] = "x" }));
        Assert.Contains("no meeting is required", message);
        Assert.Equal(CaseStage.MeetingRequired, (await _board.Cases.GetAsync(record.CaseId, default))!.Stage);
    }
}
