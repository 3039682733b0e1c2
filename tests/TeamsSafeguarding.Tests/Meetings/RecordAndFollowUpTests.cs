using System.Text.Json.Nodes;
using TeamsSafeguarding.Cards.Meetings;
using TeamsSafeguarding.Escalation.Cases;
using TeamsSafeguarding.Escalation.Meetings;
using TeamsSafeguarding.Meetings;
using TeamsSafeguarding.Outbox;
using TeamsSafeguarding.Partners;
using TeamsSafeguarding.Tests.Cards;
using TeamsSafeguarding.Tests.Support;
using TeamsSafeguarding.Tests.Triage;
using Xunit;
using F = TeamsSafeguarding.Escalation.Meetings.MeetingRecordForm;

namespace TeamsSafeguarding.Tests.Meetings;

/// <summary>
/// Items 6 and 7 and the loop back, without Graph (the invitation-file path): the record on its pages, the actions to
/// their owners and the feedback, reminders, overdue flags and the review date on a moved clock, marking done, and the
/// review's four outcomes.
/// </summary>
[Collection("Azurite")]
public sealed class RecordAndFollowUpTests(AzuriteFixture azurite) : IAsyncLifetime
{
    private const string Secret = "Fire risk from hoarding in the kitchen";
    private MeetingsHarness _m = null!;

    public async Task InitializeAsync() => _m = await MeetingsHarness.StartAsync(azurite.NewTable("record"), withGraph: false);

    public async Task DisposeAsync() => await _m.DisposeAsync();

    private static JsonObject Card(TeamsSafeguarding.Teams.InvokeResponse r) => BoardHarness.CardOf(r);

    [Fact]
    public async Task Without_Graph_the_time_is_recorded_says_no_invitations_were_sent_and_offers_an_invitation_file()
    {
        var caseId = (await _m.MeetingRequiredAsync()).CaseId;

        var choose = Card(await _m.ArrangeAsync(caseId));
        Assert.Contains("no calendar invitations are sent", choose.ToJsonString());
        var booked = Card(await _m.Click(MeetingsHarness.Organiser, MeetingVerbs.Book, caseId,
            (TypedMeetingTime.Date, "2026-03-04"), (TypedMeetingTime.Start, "10:00"), (TypedMeetingTime.Length, "120")));

        CardSchema.AssertValid(booked);
        Assert.Contains("No calendar invitations were sent.", booked.ToJsonString());
        var meeting = await _m.MeetingAsync(caseId);
        Assert.Equal((CalendarMode.InvitationFile, BookingStatus.Booked, 0), (meeting.Booking!.Mode, meeting.Booking.Status, meeting.Booking.Sequence));
        var link = $"{MeetingsHarness.PublicBaseUrl}/meetings/{caseId}/invitation/{meeting.Booking.InvitationToken}.ics";
        Assert.Contains(link, booked.ToJsonString());
        Assert.Equal("2026-03-04 10:00-12:00 London; time recorded; no calendar invitations sent; invitation file offered",
            Assert.Single(await _m.LogAsync(caseId), l => l.Action == CaseActions.MeetingBooked).Detail);

        // The file: the reference and the time, nothing personal; moving it raises the sequence, cancelling publishes a cancellation.
        var ics = InvitationFile.Of(caseId, "SAB-2026-0001", 1, meeting.Booking.Time, 0, cancelled: false, _m.Board.Clock.GetUtcNow());
        Assert.Contains("SUMMARY:Senior management review - SAB-2026-0001", ics);
        Assert.Contains("DTSTART:20260304T100000Z", ics);
        Assert.Contains("METHOD:PUBLISH", ics);
        Assert.DoesNotContain("@council", ics);
        Assert.DoesNotContain("ATTENDEE", ics);
        Assert.DoesNotContain("Alex Example", ics);
        await _m.Click(MeetingsHarness.Organiser, MeetingVerbs.Move, caseId, (TypedMeetingTime.Date, "2026-03-05"), (TypedMeetingTime.Start, "10:00"), (TypedMeetingTime.Length, "60"));
        Assert.Equal(1, (await _m.MeetingAsync(caseId)).Booking!.Sequence);
        await _m.Click(MeetingsHarness.Organiser, MeetingVerbs.Cancel, caseId, (BookingViews.ConfirmKey, "yes"));
        var cancelled = (await _m.MeetingAsync(caseId)).Booking!;
        Assert.Equal((BookingStatus.Cancelled, 2), (cancelled.Status, cancelled.Sequence));
        Assert.Contains("STATUS:CANCELLED", InvitationFile.Of(caseId, "SAB-2026-0001", 1, cancelled.Time, 2, cancelled: true, _m.Board.Clock.GetUtcNow()));
        Assert.Equal(CaseStage.Arranging, await _m.StageAsync(caseId));
    }

    [Fact]
    public async Task The_record_is_checked_page_by_page_and_its_actions_go_to_their_owners_and_its_decisions_to_the_referrer()
    {
        var caseId = await HeldAsync();

        // Before the meeting's time it cannot be recorded; after it, the first click starts the record (Meeting held).
        var page1 = Card(await _m.Click(MeetingsHarness.Organiser, MeetingVerbs.Record, caseId));
        CardSchema.AssertValid(page1);
        Assert.Equal(CaseStage.MeetingHeld, await _m.StageAsync(caseId));
        Assert.Contains("Step 1 of 7: attendance", page1.ToJsonString());
        var missing = Card(await Step(caseId, RecordPage.Attendance, 1, "next"));
        Assert.Contains("Tick who attended (at least one person).", missing.ToJsonString());
        Assert.Contains("Step 1 of 7", missing.ToJsonString());

        var values = Escalation.Meetings.MeetingRecordFormTests.Complete();
        values[F.Attended] = "organiser,i0,i1,i3";
        values[F.KeyPoints] = Secret;
        values[F.ReviewDate] = "2026-06-10";
        values[F.Action(1, F.ActionPart.OwnerEmail)] = MeetingsHarness.OwnerEmail; // in the team (as its user principal name)
        values[F.Action(1, F.ActionPart.OwnerAgency)] = "police";
        values[F.Action(1, F.ActionPart.Due)] = "2026-04-07";
        foreach (var page in new[] { RecordPage.Attendance, RecordPage.WorkingAndNot, RecordPage.Risk, RecordPage.KeyPoints, RecordPage.Monitoring })
            Assert.DoesNotContain("Please correct", Card(await Step(caseId, page, 1, "next", values)).ToJsonString());
        // Action 1 and "Add another action": action 2 is for someone outside the board's team.
        var second = Card(await Step(caseId, RecordPage.Actions, 1, "add", values));
        Assert.Contains("Step 6 of 7: SMART action 2", second.ToJsonString());
        Assert.Contains("Action 1: Police, due 7 April 2026", second.ToJsonString());
        var action2 = new Dictionary<string, string>
        {
            [F.Action(2, F.ActionPart.What)] = "GP to review medication with the person at home",
            [F.Action(2, F.ActionPart.OwnerName)] = "Dr Gee",
            [F.Action(2, F.ActionPart.OwnerEmail)] = MeetingsHarness.OutsiderEmail,
            [F.Action(2, F.ActionPart.OwnerAgency)] = "other-gp-practice",
            [F.Action(2, F.ActionPart.Measure)] = "Medication review recorded",
            [F.Action(2, F.ActionPart.Due)] = "2026-07-01",
        };
        var late = Card(await Step(caseId, RecordPage.Actions, 2, "next", action2));
        Assert.Contains("The due date must be on or before the review date", late.ToJsonString());
        action2[F.Action(2, F.ActionPart.Due)] = "2026-05-01";
        var check = Card(await Step(caseId, RecordPage.Actions, 2, "next", action2));
        CardSchema.AssertValid(check);
        Assert.Contains("Step 7 of 7: check and record", check.ToJsonString());
        Assert.Contains("4 of 7", check.ToJsonString());
        await _m.ClearOutboxAsync(caseId);

        var done = Card(await _m.Click(MeetingsHarness.Organiser, MeetingVerbs.RecordSubmit, caseId));
        Assert.Contains("the review is on 10 June 2026", done.ToJsonString());
        Assert.Equal(CaseStage.MonitoringActions, await _m.StageAsync(caseId));
        var actions = (await _m.ActionsAsync(caseId))!;
        Assert.Equal([(1, (string?)MeetingsHarness.Owner), (2, null)], actions.Actions.Select(a => (a.Action.Number, a.OwnerKey)));
        Assert.Equal(new DateOnly(2026, 6, 10), actions.ReviewDate);

        var outbox = await _m.OutboxAsync(caseId);
        Assert.Contains("action 1 is yours", BoardHarness.CardOf(Assert.Single(outbox, m => m.Target == DeliveryTarget.ToUser(MeetingsHarness.Owner))).ToJsonString());
        var feedback = outbox.Where(m => m.Target == DeliveryTarget.ToUser(BoardHarness.Referrer)).Select(m => BoardHarness.CardOf(m).ToJsonString()).ToList();
        Assert.Contains(feedback, f => f.Contains("Fire service home safety visit"));
        Assert.All(feedback, f => CardSchema.AssertValid(JsonNode.Parse(f)!.AsObject()));
        Assert.Equal(feedback.Count, outbox.Count(m => m.Target == DeliveryTarget.ToUser(MeetingsHarness.LeadProfessional)));
        var notReached = BoardHarness.CardOf(Assert.Single(outbox, m => m.Target == DeliveryTarget.ToChannel(BoardHarness.CoordinatorsChannel)));
        Assert.Contains("action 2 (GP practice)", notReached.ToJsonString());

        var log = await _m.LogAsync(caseId);
        Assert.Equal("attended 4 of 7; 1 statutory partner(s) did not engage; 2 SMART action(s); review 2026-06-10; further review: no",
            Assert.Single(log, l => l.Action == CaseActions.MeetingRecorded).Detail);
        Assert.Contains(log, l => l.Action == CaseActions.FeedbackSent);
        Assert.Contains(log, l => l.Action == CaseActions.FeedbackToLeadProfessional);
        Assert.Equal("1 of 2 sent to their owners in Teams", Assert.Single(log, l => l.Action == CaseActions.ActionsSent).Detail);
        AssertNothingTypedInTheChannelOrTheLog(outbox, log);

        // The record can be read back by those whose role allows, and each read is logged; a partner member may not.
        var view = Card(await _m.Click(BoardHarness.Chair, MeetingVerbs.ViewRecord, caseId, ("page", "7")));
        Assert.Contains(Secret, view.ToJsonString());
        Assert.Equal(MeetingAccess.NotReader, BoardHarness.MessageOf(await _m.Click("police-1", MeetingVerbs.ViewRecord, caseId)));
        Assert.Equal("Meeting 1, page 7", Assert.Single(await _m.LogAsync(caseId), l => l.Action == CaseActions.RecordViewed).Detail);
    }

    [Fact]
    public async Task Reminders_overdue_flags_and_the_review_date_follow_the_clock_and_the_review_loops_back()
    {
        var caseId = await RecordedAsync(); // action 1 (owner in Teams) due Tue 7 Apr, action 2 (owner not) due Fri 1 May; review Wed 10 Jun
        var clock = _m.Board.Clock;
        await _m.ClearOutboxAsync(caseId);

        // Wednesday 1 April, 08:59 London (BST): nothing yet; 09:00: action 1's owner is reminded (two working days before, over Easter).
        clock.SetUtcNow(new DateTimeOffset(2026, 4, 1, 7, 59, 0, TimeSpan.Zero));
        Assert.Equal(new FollowUpSweep.SweepResult(0, 0, 0), await _m.FollowUp.SweepOnceAsync(default));
        clock.SetUtcNow(new DateTimeOffset(2026, 4, 1, 8, 0, 0, TimeSpan.Zero));
        Assert.Equal(new FollowUpSweep.SweepResult(1, 0, 0), await _m.FollowUp.SweepOnceAsync(default));
        var reminder = BoardHarness.CardOf(Assert.Single(await _m.OutboxAsync(caseId), m => m.Target == DeliveryTarget.ToUser(MeetingsHarness.Owner)));
        Assert.Contains("reminder: action 1 is due on 7 April 2026", reminder.ToJsonString());
        Assert.Contains(MeetingVerbs.MarkDone, reminder.ToJsonString());
        Assert.Equal(new FollowUpSweep.SweepResult(0, 0, 0), await _m.FollowUp.SweepOnceAsync(default)); // once

        // The owner marks it done with a note; someone else may not; a coordinator may for an owner outside Teams.
        Assert.Equal(MeetingAccess.NotOwner, BoardHarness.MessageOf(await _m.Click("police-1", MeetingVerbs.ActionDone, caseId, ("action", "1"))));
        var form = Card(await _m.Click(MeetingsHarness.Owner, MeetingVerbs.MarkDone, caseId, ("action", "1")));
        CardSchema.AssertValid(form);
        var marked = Card(await _m.Click(MeetingsHarness.Owner, MeetingVerbs.ActionDone, caseId, ("action", "1"), (TeamsSafeguarding.Meetings.FollowUpViews.NoteId, "Visit done on 31 March.")));
        Assert.Contains("Marked done on 1 April 2026", marked.ToJsonString());
        Assert.Equal("Visit done on 31 March.", (await _m.ActionsAsync(caseId))!.Find(1)!.DoneNote);
        var completed = Assert.Single(await _m.LogAsync(caseId), l => l.Action == CaseActions.ActionCompleted);
        Assert.Equal(("on time", MeetingsHarness.Owner), (completed.Detail, completed.ActorKey)); // as the quarterly measures count it

        // Action 2 (owner not in Teams): its reminder goes to the coordinators; the working day after it is due, it is flagged overdue.
        clock.SetUtcNow(new DateTimeOffset(2026, 4, 29, 8, 0, 0, TimeSpan.Zero));
        await _m.ClearOutboxAsync(caseId);
        Assert.Equal(new FollowUpSweep.SweepResult(1, 0, 0), await _m.FollowUp.SweepOnceAsync(default));
        Assert.Contains("reminder: action 2", BoardHarness.CardOf(Assert.Single(await _m.OutboxAsync(caseId), m => m.Target.Kind == TargetKind.Channel)).ToJsonString());
        clock.SetUtcNow(new DateTimeOffset(2026, 5, 5, 8, 0, 0, TimeSpan.Zero)); // Fri 1 May, then the Early May bank holiday: Tuesday 5 May
        await _m.ClearOutboxAsync(caseId);
        Assert.Equal(new FollowUpSweep.SweepResult(0, 1, 0), await _m.FollowUp.SweepOnceAsync(default));
        var overdue = BoardHarness.CardOf(Assert.Single(await _m.OutboxAsync(caseId), m => m.Target.Kind == TargetKind.Channel));
        CardSchema.AssertValid(overdue);
        Assert.Contains("action 2 is overdue", overdue.ToJsonString());
        Assert.Contains("GP practice", overdue.ToJsonString());
        Assert.Contains("2 (1 done, 1 overdue)", BoardHarness.CardOf(Assert.Single(await _m.OutboxAsync(caseId),
            m => m.Target == DeliveryTarget.UpdateOf(MeetingRow.CardKey))).ToJsonString());

        // Wednesday 10 June, 09:00: review due; the coordinators are asked.
        clock.SetUtcNow(new DateTimeOffset(2026, 6, 10, 8, 0, 0, TimeSpan.Zero));
        await _m.ClearOutboxAsync(caseId);
        Assert.Equal(new FollowUpSweep.SweepResult(0, 0, 1), await _m.FollowUp.SweepOnceAsync(default));
        Assert.Equal(CaseStage.ReviewDue, await _m.StageAsync(caseId));
        var ask = BoardHarness.CardOf(Assert.Single(await _m.OutboxAsync(caseId), m => m.Target.Kind == TargetKind.Channel));
        Assert.Contains(MeetingVerbs.Review, ask.ToJsonString());
        Assert.Equal(new FollowUpSweep.SweepResult(0, 0, 0), await _m.FollowUp.SweepOnceAsync(default));

        // Working: keep monitoring to a new date, which is asked again on that date; then not working: a further review.
        Assert.Equal(MeetingAccess.NotCoordinator, BoardHarness.MessageOf(await _m.Click(MeetingsHarness.Organiser, MeetingVerbs.ReviewSubmit, caseId,
            (PlanReviewForm.Outcome, "Close"))));
        var noDate = Card(await _m.Click(BoardHarness.Coordinator, MeetingVerbs.ReviewSubmit, caseId, (PlanReviewForm.Outcome, "KeepMonitoring")));
        Assert.Contains("Choose the new review date.", noDate.ToJsonString());
        await _m.Click(BoardHarness.Coordinator, MeetingVerbs.ReviewSubmit, caseId, (PlanReviewForm.Outcome, "KeepMonitoring"), (PlanReviewForm.NextReview, "2026-07-15"));
        Assert.Equal(CaseStage.MonitoringActions, await _m.StageAsync(caseId));
        clock.SetUtcNow(new DateTimeOffset(2026, 7, 15, 8, 0, 0, TimeSpan.Zero));
        Assert.Equal(new FollowUpSweep.SweepResult(0, 0, 1), await _m.FollowUp.SweepOnceAsync(default));
        await _m.Click(BoardHarness.Coordinator, MeetingVerbs.ReviewSubmit, caseId, (PlanReviewForm.Outcome, "FurtherReview"));

        Assert.Equal(CaseStage.Arranging, await _m.StageAsync(caseId));
        var meeting = await _m.MeetingAsync(caseId);
        Assert.Equal((2, (Booking?)null), (meeting.Cycle, meeting.Booking));
        Assert.NotNull(meeting.Arrangement); // the same people, to be asked again
        var log = (await _m.LogAsync(caseId)).Where(l => l.Action == CaseActions.PlanReviewed).Select(l => l.Detail).ToList();
        Assert.Equal(["Plan working; monitoring kept to 2026-07-15", "Plan not working; further senior review meeting"], log);
        Assert.Equal(2, (await _m.LogAsync(caseId)).Count(l => l.Action == CaseActions.ReviewDue));
    }

    [Fact]
    public async Task Every_review_meetings_record_stays_readable_to_its_last_page_after_a_further_review()
    {
        // Meeting 1 agrees a further review; meeting 2 is booked, held and recorded (its record replaces the first as the latest).
        var caseId = await RecordAsync(await HeldAsync(), v => { v[F.FurtherReview] = "yes"; v[F.KeyPoints] = "Key points of meeting one."; });
        Assert.Equal(2, (await _m.MeetingAsync(caseId)).Cycle);
        await _m.Click(MeetingsHarness.Organiser, MeetingVerbs.Book, caseId, (TypedMeetingTime.Date, "2026-03-11"), (TypedMeetingTime.Start, "10:00"), (TypedMeetingTime.Length, "90"));
        _m.Board.Clock.SetUtcNow(new DateTimeOffset(2026, 3, 11, 12, 0, 0, TimeSpan.Zero));
        await RecordAsync(caseId, v => v[F.KeyPoints] = "Key points of meeting two.");
        Assert.Equal(CaseStage.MonitoringActions, await _m.StageAsync(caseId));

        // The latest record opens on its first page, with a way back to meeting 1.
        var latest = Card(await _m.Click(BoardHarness.Chair, MeetingVerbs.ViewRecord, caseId));
        Assert.Contains("record of review meeting 2", latest.ToJsonString());
        var back = Assert.Single(Referrals.ReferralsHarness.Buttons(latest), b => (string?)b["title"] == "Meeting 1");
        var first = Card(await _m.Click(BoardHarness.Chair, MeetingVerbs.ViewRecord, caseId,
            [.. back["data"]!.AsObject().Where(p => p.Key != MeetingVerbs.CaseIdKey).Select(p => (p.Key, (string)p.Value!))]));
        Assert.Contains("record of review meeting 1", first.ToJsonString());

        // Meeting 1's key points (page 7), and its last page (action 2, past the form's seven steps), by its own buttons' data.
        var keyPoints = Card(await _m.Click(BoardHarness.Chair, MeetingVerbs.ViewRecord, caseId, (MeetingVerbs.CycleKey, "1"), (MeetingVerbs.PageKey, "7")));
        Assert.Contains("Key points of meeting one.", keyPoints.ToJsonString());
        Assert.DoesNotContain("Key points of meeting two.", keyPoints.ToJsonString());
        var lastPage = Card(await _m.Click(BoardHarness.Chair, MeetingVerbs.ViewRecord, caseId, (MeetingVerbs.CycleKey, "1"), (MeetingVerbs.PageKey, "10")));
        Assert.Contains("Medication review recorded", lastPage.ToJsonString());
        Assert.Contains("Page 10 of 10", lastPage.ToJsonString());
        Assert.DoesNotContain(Referrals.ReferralsHarness.Buttons(lastPage), b => (string?)b["title"] == "Next page");
        Assert.Contains("Key points of meeting two.", Card(await _m.Click(BoardHarness.Chair, MeetingVerbs.ViewRecord, caseId, (MeetingVerbs.PageKey, "7"))).ToJsonString());

        // Every read logged (the fake clock stands still, so they share one instant and are compared without order).
        Assert.Equal(["Meeting 1, page 1", "Meeting 1, page 10", "Meeting 1, page 7", "Meeting 2, page 1", "Meeting 2, page 7"],
            (await _m.LogAsync(caseId)).Where(l => l.Action == CaseActions.RecordViewed).Select(l => l.Detail).Order(StringComparer.Ordinal));
    }

    [Theory]
    [InlineData("Close", CaseStage.Closed)]
    [InlineData("ReEscalate", CaseStage.WithPartners)]
    public async Task The_review_closes_the_case_or_sends_it_back_to_the_statutory_partners(string outcome, CaseStage stage)
    {
        var caseId = await RecordedAsync();
        _m.Board.Clock.SetUtcNow(new DateTimeOffset(2026, 6, 10, 8, 0, 0, TimeSpan.Zero));
        await _m.FollowUp.SweepOnceAsync(default);
        await _m.ClearOutboxAsync(caseId);

        var answer = Card(await _m.Click(BoardHarness.Coordinator, MeetingVerbs.ReviewSubmit, caseId, (PlanReviewForm.Outcome, outcome)));

        CardSchema.AssertValid(answer);
        Assert.Equal(stage, await _m.StageAsync(caseId));
        var outbox = await _m.OutboxAsync(caseId);
        if (stage == CaseStage.WithPartners)
        {
            // A new round: the partners' card posted again, fresh deadlines from today, and their clock scheduled.
            var partners = PartnersRow.FromEntity((await _m.Board.Cases.GetRowAsync(caseId, PartnersRow.Row, default))!);
            Assert.Equal((false, _m.Board.Clock.GetUtcNow()), (partners.IsDecided, partners.SentAt));
            Assert.Single(outbox, m => m.MessageKey == PartnersCards.MessageKey && m.Target == DeliveryTarget.ToChannel(BoardHarness.PartnersChannel));
        }
        else Assert.NotNull((await _m.Board.Cases.GetAsync(caseId, default))!.ClosedAt);
        // Nothing more falls due for a closed case.
        _m.Board.Clock.Advance(TimeSpan.FromDays(60));
        Assert.Equal(new FollowUpSweep.SweepResult(0, 0, 0), await _m.FollowUp.SweepOnceAsync(default));
    }

    /// <summary>A case whose meeting was booked (without Graph) for Wednesday 4 March 10:00, the clock now after it.</summary>
    private async Task<string> HeldAsync()
    {
        var caseId = (await _m.MeetingRequiredAsync()).CaseId;
        await _m.ArrangeAsync(caseId);
        await _m.Click(MeetingsHarness.Organiser, MeetingVerbs.Book, caseId, (TypedMeetingTime.Date, "2026-03-04"), (TypedMeetingTime.Start, "10:00"), (TypedMeetingTime.Length, "90"));
        Assert.Contains("Record it once it has taken place", BoardHarness.MessageOf(await _m.Click(MeetingsHarness.Organiser, MeetingVerbs.Record, caseId)));
        _m.Board.Clock.SetUtcNow(new DateTimeOffset(2026, 3, 4, 12, 0, 0, TimeSpan.Zero));
        return caseId;
    }

    /// <summary>A held meeting recorded with two actions: action 1 for the owner in Teams due 7 April, action 2 for a GP outside it due 1 May.</summary>
    private async Task<string> RecordedAsync() => await RecordAsync(await HeldAsync());

    /// <summary>Records the held meeting of <paramref name="caseId"/> as <see cref="RecordedAsync"/> does, with <paramref name="change"/> to the answers.</summary>
    private async Task<string> RecordAsync(string caseId, Action<Dictionary<string, string>>? change = null)
    {
        await _m.Click(MeetingsHarness.Organiser, MeetingVerbs.Record, caseId);
        var values = Escalation.Meetings.MeetingRecordFormTests.Complete();
        values[F.Action(1, F.ActionPart.OwnerEmail)] = MeetingsHarness.OwnerEmail;
        values[F.Action(1, F.ActionPart.Due)] = "2026-04-07";
        values[F.Action(2, F.ActionPart.What)] = "GP to review medication with the person at home";
        values[F.Action(2, F.ActionPart.OwnerName)] = "Dr Gee";
        values[F.Action(2, F.ActionPart.OwnerEmail)] = MeetingsHarness.OutsiderEmail;
        values[F.Action(2, F.ActionPart.OwnerAgency)] = "other-gp-practice";
        values[F.Action(2, F.ActionPart.Measure)] = "Medication review recorded";
        values[F.Action(2, F.ActionPart.Due)] = "2026-05-01";
        change?.Invoke(values);
        foreach (var page in new[] { RecordPage.Attendance, RecordPage.WorkingAndNot, RecordPage.Risk, RecordPage.KeyPoints, RecordPage.Monitoring })
            await Step(caseId, page, 1, "next", values);
        await Step(caseId, RecordPage.Actions, 1, "add", values);
        await Step(caseId, RecordPage.Actions, 2, "next", values);
        Assert.Contains("meeting recorded", Card(await _m.Click(MeetingsHarness.Organiser, MeetingVerbs.RecordSubmit, caseId)).ToJsonString());
        return caseId;
    }

    /// <summary>A record page's button, with the page's inputs as typed (Teams sends the card's inputs; other pages' are not on it).</summary>
    private Task<TeamsSafeguarding.Teams.InvokeResponse> Step(string caseId, RecordPage page, int action, string go, IReadOnlyDictionary<string, string>? values = null) =>
        _m.Click(MeetingsHarness.Organiser, MeetingVerbs.RecordStep, caseId,
            [("page", ((int)page).ToString()), ("action", action.ToString()), ("go", go),
             .. (values ?? new Dictionary<string, string>()).Where(v => F.PageOf(v.Key) == page && (page != RecordPage.Actions || F.ActionOf(v.Key) == action))
                 .Select(v => (v.Key, v.Value))]);

    private static void AssertNothingTypedInTheChannelOrTheLog(IReadOnlyList<OutboundMessage> outbox, IReadOnlyList<TeamsSafeguarding.Cases.CaseLogEntry> log)
    {
        var typed = new[] { Secret, "Fire service home safety visit", "Daily calls", "Home visits are refused", "Dr Gee", "medication", "@" };
        foreach (var message in outbox.Where(m => m.Target.Kind is TargetKind.Channel or TargetKind.Update))
        {
            var json = message.Activity.Attachments![0].Content!.ToJsonString();
            foreach (var text in typed) Assert.DoesNotContain(text, json, StringComparison.OrdinalIgnoreCase);
        }
        foreach (var line in log)
            foreach (var text in typed) Assert.DoesNotContain(text, line.Detail ?? "", StringComparison.OrdinalIgnoreCase);
    }
}
