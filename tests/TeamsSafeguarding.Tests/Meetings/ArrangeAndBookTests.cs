using System.Text.Json.Nodes;
using TeamsSafeguarding.Cards.Meetings;
using TeamsSafeguarding.Escalation.Cases;
using TeamsSafeguarding.Escalation.Meetings;
using TeamsSafeguarding.Meetings;
using TeamsSafeguarding.Meetings.Calendar;
using TeamsSafeguarding.Outbox;
using TeamsSafeguarding.Partners;
using TeamsSafeguarding.Scheduling;
using TeamsSafeguarding.Tests.Cards;
using TeamsSafeguarding.Tests.Support;
using TeamsSafeguarding.Tests.Triage;
using Xunit;
using F = TeamsSafeguarding.Escalation.Meetings.ArrangementForm;

namespace TeamsSafeguarding.Tests.Meetings;

/// <summary>
/// Items 1 to 4 through the bot's own features, storage on Azurite and the real Graph SDK against the fake Graph: the
/// arrangement form, the free times, booking a Teams meeting through the calendar queue exactly once, throttling and a 403.
/// </summary>
[Collection("Azurite")]
public sealed class ArrangeAndBookTests(AzuriteFixture azurite) : IAsyncLifetime
{
    private MeetingsHarness _m = null!;
    private FakeGraph Graph => _m.Graph!;

    public async Task InitializeAsync() => _m = await MeetingsHarness.StartAsync(azurite.NewTable("meeting"), withGraph: true);

    public async Task DisposeAsync() => await _m.DisposeAsync();

    private static JsonObject Card(TeamsSafeguarding.Teams.InvokeResponse r) => BoardHarness.CardOf(r);

    [Fact]
    public async Task The_arrangement_is_checked_page_by_page_kept_as_a_draft_and_its_addresses_never_reach_the_channel()
    {
        var record = await _m.MeetingRequiredAsync();
        var caseId = record.CaseId;

        // The coordinators' decision notice has the button; the form starts with the representatives and the referral's people.
        var notice = Assert.Single(await _m.OutboxAsync(caseId), m => m.MessageKey == DecisionEffects.NoticeKey);
        Assert.Contains(MeetingVerbs.Arrange, BoardHarness.CardOf(notice).ToJsonString());
        var first = Card(await _m.Click(BoardHarness.Coordinator, MeetingVerbs.Arrange, caseId));
        CardSchema.AssertValid(first);
        Assert.Contains("Step 1 of 3: lead agency and organiser", first.ToJsonString());

        // Next without an organiser: the error is under the field, and what was typed is kept as a draft.
        var refused = Card(await _m.Click(BoardHarness.Coordinator, MeetingVerbs.ArrangeStep, caseId, ("page", "1"), ("go", "next"), (F.LeadAgency, "police")));
        Assert.Contains("Step 1 of 3", refused.ToJsonString());
        Assert.Contains("Enter the name of the manager who organises and chairs the meeting.", refused.ToJsonString());
        Assert.Equal("police", (await _m.MeetingAsync(caseId)).Draft[F.LeadAgency]);
        var page2 = Card(await _m.Click(BoardHarness.Coordinator, MeetingVerbs.ArrangeStep, caseId, ("page", "1"), ("go", "next"),
            (F.LeadAgency, "police"), (F.OrganiserName, "Olive Organiser"), (F.OrganiserEmail, MeetingsHarness.OrganiserEmail)));
        Assert.Contains("Step 2 of 3: who is invited", page2.ToJsonString());
        Assert.Equal(MeetingsHarness.Representatives["police"], TeamsSafeguarding.Tests.EndToEnd.PlaygroundDriver.InputValue(page2, F.Partner("police")));
        Assert.Equal(MeetingsHarness.ReferrerEmail, TeamsSafeguarding.Tests.EndToEnd.PlaygroundDriver.InputValue(page2, F.Referrer));
        Assert.Contains("Pat Senior, Head of service, Adult Social Care", page2.ToJsonString()); // the senior manager the referral names

        // Someone who is not a coordinator is refused, and that is logged.
        Assert.Equal(MeetingAccess.NotCoordinator, BoardHarness.MessageOf(await _m.Click("police-1", MeetingVerbs.Arrange, caseId)));

        var saved = Card(await _m.ArrangeAsync(caseId));
        Assert.Contains("looking for times", saved.ToJsonString());
        Assert.Equal(CaseStage.Arranging, await _m.StageAsync(caseId));
        var meeting = await _m.MeetingAsync(caseId);
        Assert.Equal((MeetingsHarness.Organiser, "police", 6), (meeting.OrganiserKey, meeting.Arrangement!.Lead.Id, meeting.Arrangement.Invitees.Count));
        var log = await _m.LogAsync(caseId);
        Assert.Contains(log, l => l.Action == CaseActions.AccessRefused && l.Detail == "Arrange meeting: not a coordinator");
        Assert.Equal("lead agency Police; 6 invitee(s): 3 statutory partner, 1 referrer, 1 lead professional, 1 advocate",
            Assert.Single(log, l => l.Action == CaseActions.MeetingArranged).Detail);
        Assert.Contains(log, l => l.Action == CaseActions.CalendarRequested && l.Detail == "Find free times");

        var outbox = await _m.OutboxAsync(caseId);
        var card = Assert.Single(outbox, m => m.MessageKey == MeetingRow.CardKey);
        Assert.Equal(DeliveryTarget.ToChannel(BoardHarness.CoordinatorsChannel), card.Target);
        Assert.Contains(outbox, m => m.Target == DeliveryTarget.UpdateOf(DecisionEffects.NoticeKey)); // the notice's button goes
        Assert.Contains(outbox, m => m.Target == DeliveryTarget.ToUser(MeetingsHarness.Organiser) && BoardHarness.CardOf(m).ToJsonString().Contains("you are organising"));
        foreach (var channelMessage in outbox.Where(m => m.Target.Kind is TargetKind.Channel or TargetKind.Update))
        {
            var json = channelMessage.Activity.Attachments![0].Content!.ToJsonString();
            Assert.DoesNotContain("@", json);
            Assert.DoesNotContain("Olive", json);
            Assert.DoesNotContain("Lee Professional", json);
        }
        Assert.DoesNotContain(log, l => (l.Detail ?? "").Contains('@'));
    }

    [Fact]
    public async Task Free_times_come_from_the_organisers_and_partners_calendars_and_go_to_the_organiser()
    {
        var caseId = (await _m.MeetingRequiredAsync()).CaseId;
        // Monday 2 March 2026, 10:00. The organiser is away on Tuesday 3 March; the police representative busy on Wednesday
        // morning; an advocate address Graph does not know.
        Graph.Calendars[MeetingsHarness.OrganiserEmail] = [new FakeBusy(new(2026, 3, 3, 0, 0, 0, TimeSpan.Zero), new(2026, 3, 4, 0, 0, 0, TimeSpan.Zero), "oof")];
        Graph.Calendars[MeetingsHarness.Representatives["police"]] = [new FakeBusy(new(2026, 3, 4, 9, 0, 0, TimeSpan.Zero), new(2026, 3, 4, 12, 0, 0, TimeSpan.Zero))];
        await _m.ArrangeAsync(caseId);
        await _m.ClearOutboxAsync(caseId);

        Assert.Equal(0, await _m.Calendar.SweepOnceAsync(default));

        Assert.Empty(Graph.Problems);
        var ask = Assert.Single(Graph.Calls);
        Assert.Equal($"/users/{MeetingsHarness.OrganiserEmail}/calendar/getSchedule", ask.Path);
        Assert.Equal(7, ask.Body!["Schedules"]!.AsArray().Count); // the organiser and the six invitees
        var meeting = await _m.MeetingAsync(caseId);
        var slots = meeting.Times!.Slots;
        Assert.Equal(1, meeting.Times.Unknown); // the advocate
        Assert.Equal([new DateTimeOffset(2026, 3, 4, 12, 0, 0, TimeSpan.Zero), new(2026, 3, 4, 13, 30, 0, TimeSpan.Zero), new(2026, 3, 4, 15, 0, 0, TimeSpan.Zero)],
            slots.Select(s => s.Start));
        Assert.All(slots, s => Assert.Equal((6, 7), (s.Free, s.Of)));
        Assert.Equal("3 time(s) offered; 1 calendar(s) could not be read", Assert.Single(await _m.LogAsync(caseId), l => l.Action == CaseActions.TimesFound).Detail);
        Assert.Empty(await _m.Board.Cases.GetRowsAsync(caseId, CalendarRequest.Prefix, default));

        var outbox = await _m.OutboxAsync(caseId);
        var times = BoardHarness.CardOf(Assert.Single(outbox, m => m.Target == DeliveryTarget.ToUser(MeetingsHarness.Organiser)));
        CardSchema.AssertValid(times);
        Assert.Contains("Wednesday 4 March 2026, 12:00 to 13:30 (6 of 7 free)", times.ToJsonString());
        Assert.Contains("3 free time(s) found", BoardHarness.CardOf(Assert.Single(outbox, m => m.Target == DeliveryTarget.UpdateOf(MeetingRow.CardKey))).ToJsonString());
    }

    [Fact]
    public async Task A_booking_delivered_twice_at_once_and_again_after_a_crash_makes_one_Teams_meeting()
    {
        var caseId = await FoundTimesAsync();

        var booking = Card(await _m.Click(MeetingsHarness.Organiser, MeetingVerbs.Book, caseId, (BookingViews.SlotId, "2")));
        Assert.Contains("booking the meeting", booking.ToJsonString());
        var request = Assert.Single(await _m.Board.Cases.GetRowsAsync(caseId, CalendarRequest.Prefix, default));
        Assert.Equal(nameof(CalendarRequestKind.Book), request.GetString("Kind"));

        // The same queued request delivered by two sweeps at once (two instances), then once more as if after a crash.
        await _m.ClearOutboxAsync(caseId);
        await Task.WhenAll(_m.Calendar.DeliverAsync(caseId, default), _m.Calendar.DeliverAsync(caseId, default));
        var file = await _m.Board.Cases.ReadAsync(caseId, [MeetingRow.Row], default);
        await _m.Calendar.PerformAsync(CalendarRequest.FromEntity(caseId, request), file!.Case, await _m.MeetingAsync(caseId), default);
        await _m.Calendar.DeliverAsync(caseId, default);

        Assert.Empty(Graph.Problems);
        var ev = Assert.Single(Graph.Events);
        Assert.Equal($"sab-{caseId}-booking-1", (string?)ev["transactionId"]);
        Assert.All(Graph.Calls.Where(c => c.Method == "POST" && c.Path.EndsWith("/events")), c => Assert.Equal($"sab-{caseId}-booking-1", (string?)c.Body!["transactionId"]));
        Assert.Equal("Senior management review - SAB-2026-0001", (string?)ev["subject"]);
        Assert.Equal(CaseStage.MeetingBooked, await _m.StageAsync(caseId));
        var meeting = await _m.MeetingAsync(caseId);
        Assert.Equal((BookingStatus.Booked, CalendarMode.Graph, (string?)ev["id"]), (meeting.Booking!.Status, meeting.Booking.Mode, meeting.Booking.EventId));
        Assert.Equal(new DateTimeOffset(2026, 3, 4, 13, 30, 0, TimeSpan.Zero), meeting.Booking.Time.Start);
        Assert.Single(await _m.LogAsync(caseId), l => l.Action == CaseActions.MeetingBooked);
        var update = Assert.Single(await _m.OutboxAsync(caseId), m => m.Target == DeliveryTarget.UpdateOf(MeetingRow.CardKey));
        var channelCard = BoardHarness.CardOf(update).ToJsonString();
        Assert.Contains(meeting.Booking.JoinUrl!, channelCard);
        Assert.Contains("Wednesday 4 March 2026, 13:30 to 15:00", channelCard);
    }

    [Fact]
    public async Task Throttling_waits_for_the_calendar_and_tries_later_losing_and_repeating_nothing()
    {
        var caseId = await FoundTimesAsync();
        await _m.Click(MeetingsHarness.Organiser, MeetingVerbs.Book, caseId, (BookingViews.SlotId, "1"));
        Graph.AnswerNext(4, 429, "error-429-throttled.json", retryAfterSeconds: 1, match: c => c.Path.EndsWith("/events", StringComparison.Ordinal));

        await _m.Calendar.SweepOnceAsync(default);

        Assert.Empty(Graph.Events);
        var waiting = CalendarRequest.FromEntity(caseId, Assert.Single(await _m.Board.Cases.GetRowsAsync(caseId, CalendarRequest.Prefix, default)));
        Assert.Equal((1, _m.Board.Clock.GetUtcNow() + CalendarSweep.FirstBackoff), (waiting.Tries, waiting.NotBefore));
        Assert.Equal(CaseStage.Arranging, await _m.StageAsync(caseId));

        _m.Board.Clock.Advance(TimeSpan.FromSeconds(29));
        await _m.Calendar.SweepOnceAsync(default);
        Assert.Equal(4, Graph.Calls.Count(c => c.Method == "POST" && c.Path.EndsWith("/events"))); // not yet: nothing more was sent
        _m.Board.Clock.Advance(TimeSpan.FromSeconds(1));
        await _m.Calendar.SweepOnceAsync(default);

        Assert.Single(Graph.Events);
        Assert.Equal(CaseStage.MeetingBooked, await _m.StageAsync(caseId));
        Assert.Empty(await _m.Board.Cases.GetRowsAsync(caseId, CalendarRequest.Prefix, default));
        Assert.DoesNotContain(await _m.LogAsync(caseId), l => l.Action == CaseActions.CalendarRefused);
    }

    [Fact]
    public async Task A_403_tells_the_coordinators_what_an_admin_must_grant_and_the_time_is_then_set_without_the_calendar()
    {
        var caseId = (await _m.MeetingRequiredAsync()).CaseId;
        Graph.AnswerNext(1, 403, "error-403-access-denied-no-consent.json");
        await _m.ArrangeAsync(caseId);
        await _m.ClearOutboxAsync(caseId);

        await _m.Calendar.SweepOnceAsync(default);

        var outbox = await _m.OutboxAsync(caseId);
        var notice = BoardHarness.CardOf(Assert.Single(outbox, m => m.Target == DeliveryTarget.ToChannel(BoardHarness.CoordinatorsChannel)));
        CardSchema.AssertValid(notice);
        Assert.Contains("Calendars.ReadBasic.All", notice.ToJsonString());
        Assert.Contains("admin consent", notice.ToJsonString());
        Assert.Equal("Find free times: 403 ErrorAccessDenied", Assert.Single(await _m.LogAsync(caseId), l => l.Action == CaseActions.CalendarRefused).Detail);

        var choose = Card(await _m.Click(BoardHarness.Coordinator, MeetingVerbs.ChooseTime, caseId));
        Assert.Contains("no invitations are sent", choose.ToJsonString());
        var booked = Card(await _m.Click(BoardHarness.Coordinator, MeetingVerbs.Book, caseId,
            (TypedMeetingTime.Date, "2026-03-05"), (TypedMeetingTime.Start, "10:00"), (TypedMeetingTime.Length, "90")));
        Assert.Contains("No calendar invitations were sent", booked.ToJsonString());
        Assert.Contains(MeetingsHarness.PublicBaseUrl + "/meetings/" + caseId + "/invitation/", booked.ToJsonString());
        Assert.Equal(CaseStage.MeetingBooked, await _m.StageAsync(caseId));
        Assert.Empty(Graph.Events);
    }

    [Fact]
    public async Task Moving_reading_answers_and_cancelling_go_through_the_calendar_and_a_new_booking_is_a_new_attempt()
    {
        var caseId = await FoundTimesAsync();
        await _m.Click(MeetingsHarness.Organiser, MeetingVerbs.Book, caseId, (BookingViews.SlotId, "1"));
        await _m.Calendar.SweepOnceAsync(default);
        Graph.Answers[MeetingsHarness.Representatives["la"]] = "accepted";
        Graph.Answers["advocate@charity.example"] = "declined";

        var refused = Card(await _m.Click(BoardHarness.Coordinator, MeetingVerbs.Move, caseId, (TypedMeetingTime.Date, "2026-03-07"),
            (TypedMeetingTime.Start, "10:00"), (TypedMeetingTime.Length, "90")));
        Assert.Contains("That is not a working day", refused.ToJsonString()); // Saturday
        Card(await _m.Click(BoardHarness.Coordinator, MeetingVerbs.Move, caseId, (TypedMeetingTime.Date, "2026-03-09"),
            (TypedMeetingTime.Start, "10:00"), (TypedMeetingTime.Length, "90")));
        await _m.Calendar.SweepOnceAsync(default);
        await _m.Click(MeetingsHarness.Organiser, MeetingVerbs.Answers, caseId);
        await _m.ClearOutboxAsync(caseId);
        await _m.Calendar.SweepOnceAsync(default);

        var meeting = await _m.MeetingAsync(caseId);
        Assert.Equal(new DateTimeOffset(2026, 3, 9, 10, 0, 0, TimeSpan.Zero), meeting.Booking!.Time.Start);
        Assert.Equal((1, 0, 1, 4), meeting.ResponseCounts()); // six invitees
        var manage = Card(await _m.Click(BoardHarness.Coordinator, MeetingVerbs.Manage, caseId));
        CardSchema.AssertValid(manage);
        Assert.Contains("Answer: declined", manage.ToJsonString());
        Assert.Contains("1 accepted, 0 tentative, 1 declined, 4 not yet",
            BoardHarness.CardOf(Assert.Single(await _m.OutboxAsync(caseId), m => m.Target == DeliveryTarget.UpdateOf(MeetingRow.CardKey))).ToJsonString());

        Assert.Contains("cancel the meeting?", Card(await _m.Click(MeetingsHarness.Organiser, MeetingVerbs.Cancel, caseId)).ToJsonString());
        await _m.Click(MeetingsHarness.Organiser, MeetingVerbs.Cancel, caseId, (BookingViews.ConfirmKey, "yes"));
        await _m.Calendar.SweepOnceAsync(default);
        Assert.True((bool)Graph.Events.Single()["isCancelled"]!);
        Assert.Equal(CaseStage.Arranging, await _m.StageAsync(caseId));

        Card(await _m.Click(MeetingsHarness.Organiser, MeetingVerbs.Book, caseId, (TypedMeetingTime.Date, "2026-03-10"),
            (TypedMeetingTime.Start, "14:00"), (TypedMeetingTime.Length, "60")));
        await _m.Calendar.SweepOnceAsync(default);
        Assert.Equal([$"sab-{caseId}-booking-1", $"sab-{caseId}-booking-2"], Graph.Events.Select(e => (string)e["transactionId"]!).Order());
        Assert.Equal(CaseStage.MeetingBooked, await _m.StageAsync(caseId));
        Assert.Empty(Graph.Problems);
        var log = (await _m.LogAsync(caseId)).Select(l => l.Action).ToList();
        Assert.Equal(2, log.Count(a => a == CaseActions.MeetingBooked));
        Assert.Contains(CaseActions.MeetingRescheduled, log);
        Assert.Contains(CaseActions.MeetingCancelled, log);
        Assert.Contains(CaseActions.ResponsesRead, log);
    }

    [Fact]
    public async Task Only_the_organiser_and_coordinators_choose_and_book_and_a_stale_slot_is_refused()
    {
        var caseId = await FoundTimesAsync();

        Assert.Equal(MeetingAccess.NotOrganiser, BoardHarness.MessageOf(await _m.Click("police-1", MeetingVerbs.ChooseTime, caseId)));
        Assert.Equal(MeetingAccess.NotOrganiser, BoardHarness.MessageOf(await _m.Click(BoardHarness.Referrer, MeetingVerbs.Book, caseId, (BookingViews.SlotId, "1"))));
        var wrong = Card(await _m.Click(MeetingsHarness.Organiser, MeetingVerbs.Book, caseId, (BookingViews.SlotId, "9")));
        Assert.Contains("Choose one of the times, or another time below.", wrong.ToJsonString());
        Assert.Equal(2, (await _m.LogAsync(caseId)).Count(l => l.Action == CaseActions.AccessRefused));
        Assert.Empty(await _m.Board.Cases.GetRowsAsync(caseId, CalendarRequest.Prefix, default));
    }

    /// <summary>A case arranged and its free times found (Wednesday 4 March: 12:00, 13:30, 15:00).</summary>
    private async Task<string> FoundTimesAsync()
    {
        var caseId = (await _m.MeetingRequiredAsync()).CaseId;
        Graph.Calendars[MeetingsHarness.OrganiserEmail] = [new FakeBusy(new(2026, 3, 3, 0, 0, 0, TimeSpan.Zero), new(2026, 3, 4, 0, 0, 0, TimeSpan.Zero), "oof")];
        Graph.Calendars[MeetingsHarness.Representatives["police"]] = [new FakeBusy(new(2026, 3, 4, 9, 0, 0, TimeSpan.Zero), new(2026, 3, 4, 12, 0, 0, TimeSpan.Zero))];
        await _m.ArrangeAsync(caseId);
        await _m.Calendar.SweepOnceAsync(default);
        return caseId;
    }

    [Fact]
    public async Task Once_arranged_the_case_command_brings_back_the_meeting_card_and_the_old_copy_points_to_it()
    {
        var caseId = await FoundTimesAsync();
        await _m.ClearOutboxAsync(caseId);
        // The dispatcher posted the card earlier (where it lives, so it can be updated in place).
        await _m.Board.Table.UpsertEntityAsync(new Azure.Data.Tables.TableEntity(TeamsSafeguarding.Cases.CaseRow.PartitionOf(caseId), OutboxRow.PostedKey(MeetingRow.CardKey))
        {
            ["ServiceUrl"] = "https://smba.example/amer/", ["ConversationId"] = BoardHarness.CoordinatorsChannel + ";messageid=1", ["ActivityId"] = "1",
        });

        await _m.Board.TypeAsync(BoardHarness.Coordinator, "case SAB-2026-0001", BoardHarness.CoordinatorsChannel);

        var outbox = await _m.OutboxAsync(caseId);
        var again = Assert.Single(outbox, m => m.MessageKey == MeetingRow.CardKey);
        Assert.Equal(DeliveryTarget.ToChannel(BoardHarness.CoordinatorsChannel), again.Target);
        Assert.Contains("3 free time(s) found", BoardHarness.CardOf(again).ToJsonString());
        Assert.Contains(outbox, m => m.Target == DeliveryTarget.UpdateOf(MeetingRow.CardKey)); // the earlier copy, retired
        Assert.DoesNotContain(outbox, m => m.MessageKey == DecisionEffects.NoticeKey);
    }
}
