using System.Globalization;
using Microsoft.Extensions.Options;
using TeamsSafeguarding.Cards.Meetings;
using TeamsSafeguarding.Cases;
using TeamsSafeguarding.Escalation.Calendar;
using TeamsSafeguarding.Escalation.Cases;
using TeamsSafeguarding.Escalation.Meetings;
using TeamsSafeguarding.Escalation.Process;
using TeamsSafeguarding.Meetings.Calendar;
using TeamsSafeguarding.Routing;
using TeamsSafeguarding.Teams;

namespace TeamsSafeguarding.Meetings;

/// <summary>
/// Items 2, 3 and 5: choosing the time (one of the three best found in the calendars, or another typed), booking it in the
/// organiser's calendar with a Teams link through the calendar queue, or, without Graph, recording it and offering an
/// invitation file; moving and cancelling it; reading back the attendees' answers. The organiser or a coordinator, checked
/// on every click; each is one case command.
/// </summary>
public sealed class BookingFeature(CaseCommands commands, CaseStore cases, MeetingAccess access, MeetingChannel channel, InvitationLinks links,
    CalendarSweep calendar, IOptions<GraphOptions> graph, WorkingDayCalendar workingDays, ProcessProfile profile, ILogger<BookingFeature> log) : IBotFeature
{
    public const string NotFound = "We could not find this referral's meeting.";
    public const string NotArranging = "The meeting's time is chosen once the lead agency and invitees are recorded, until it is booked.";
    public const string NotBooked = "There is no booked meeting to change.";
    public const string Busy = "The calendar is still working on the last change; try again in a moment.";

    public void Map(BotRoutes routes)
    {
        routes.Verb(MeetingVerbs.ChooseTime, ChooseTimeAsync);
        routes.Verb(MeetingVerbs.Book, BookAsync);
        routes.Verb(MeetingVerbs.Manage, ManageAsync);
        routes.Verb(MeetingVerbs.Move, MoveAsync);
        routes.Verb(MeetingVerbs.Cancel, CancelAsync);
        routes.Verb(MeetingVerbs.Answers, AnswersAsync);
    }

    private async Task<InvokeResponse> ChooseTimeAsync(CardAction action, CancellationToken ct)
    {
        var find = action.GetString("find") == "yes";
        var lookingUp = await LookingUpAsync(action, ct);
        var queued = false;
        var answer = await Command(action, (record, meeting, actions, writes) =>
        {
            if (meeting.IsBooked) return InvokeResponse.Message($"The meeting is booked for {meeting.Booking!.Time.Words}. To move it, use Manage on the meeting card.");
            if (record.Stage != CaseStage.Arranging) return InvokeResponse.Message(NotArranging);
            if (meeting.Booking is { Status: BookingStatus.Requested }) return Card(BookingViews.Booked(record, meeting, null));
            if (find && graph.Value.Enabled && !lookingUp)
            {
                meeting = meeting with { CalendarProblem = null, Times = null };
                writes.Enqueue(CalendarRequestKind.FindTimes, meeting.BookingAttempt);
                meeting = channel.Show(writes, record, meeting, actions);
                writes.Put(meeting.ToEntity());
                queued = lookingUp = true;
            }
            else writes.Log(CaseActions.MeetingDetailsViewed, "Times");
            return Card(BookingViews.Times(record, meeting, channel.UsesCalendar(meeting), graph.Value.Enabled, lookingUp));
        }, ct, MayRun);
        if (queued) calendar.Wake();
        return answer;
    }

    private async Task<InvokeResponse> BookAsync(CardAction action, CancellationToken ct)
    {
        var typed = Typed(action, BookingViews.SlotId, TypedMeetingTime.Date, TypedMeetingTime.Start, TypedMeetingTime.Length);
        var lookingUp = await LookingUpAsync(action, ct);
        var queued = false;
        var answer = await Command(action, (record, meeting, actions, writes) =>
        {
            if (meeting.IsBooked || meeting.Booking is { Status: BookingStatus.Requested }) return Card(BookingViews.Booked(record, meeting, Invitation(record, meeting)));
            if (record.Stage != CaseStage.Arranging) return InvokeResponse.Message(NotArranging);
            var usesCalendar = channel.UsesCalendar(meeting);
            var (time, errors) = Chosen(meeting, typed, writes.Now, usesCalendar);
            if (time is null) return Card(BookingViews.Times(record, meeting, usesCalendar, graph.Value.Enabled, lookingUp, typed, errors));

            var attempt = meeting.BookingAttempt + 1;
            if (usesCalendar)
            {
                meeting = meeting with { BookingAttempt = attempt, Booking = new Booking(time, CalendarMode.Graph, BookingStatus.Requested) };
                writes.Enqueue(CalendarRequestKind.Book, attempt, time);
                queued = true;
            }
            else
            {
                meeting = meeting with
                {
                    BookingAttempt = attempt,
                    Booking = new Booking(time, CalendarMode.InvitationFile, BookingStatus.Booked, InvitationToken: InvitationLinks.NewToken(),
                        Sequence: (meeting.Booking?.Sequence ?? -1) + 1),
                };
                var booked = record.MeetingBooked(CalendarSweep.Logged(time), "time recorded; no calendar invitations sent; invitation file offered", profile.Stages, writes.Now);
                if (booked.IsRefused) return InvokeResponse.Message(booked.Refusal!);
                writes.Apply(booked);
                record = booked.After;
            }
            meeting = channel.Show(writes, record, meeting, actions);
            writes.Put(meeting.ToEntity());
            log.LogInformation("Review meeting time chosen; calendar {UsesCalendar}", usesCalendar);
            return Card(BookingViews.Booked(record, meeting, Invitation(record, meeting)));
        }, ct, MayRun);
        if (queued) calendar.Wake();
        return answer;
    }

    private Task<InvokeResponse> ManageAsync(CardAction action, CancellationToken ct) => Command(action, (record, meeting, actions, writes) =>
    {
        if (!meeting.IsBooked || record.Stage != CaseStage.MeetingBooked) return InvokeResponse.Message(NotBooked);
        writes.Log(CaseActions.MeetingDetailsViewed, "Invitees and answers");
        return Card(BookingViews.Manage(record, meeting, channel.UsesCalendar(meeting), Invitation(record, meeting)));
    }, ct, MayRun);

    private async Task<InvokeResponse> MoveAsync(CardAction action, CancellationToken ct)
    {
        var typed = Typed(action, TypedMeetingTime.Date, TypedMeetingTime.Start, TypedMeetingTime.Length);
        var queued = false;
        var answer = await Command(action, (record, meeting, actions, writes) =>
        {
            if (!meeting.IsBooked || record.Stage != CaseStage.MeetingBooked) return InvokeResponse.Message(NotBooked);
            var booking = meeting.Booking!;
            if (booking.Status != BookingStatus.Booked) return InvokeResponse.Message(Busy);
            var (time, errors) = TypedMeetingTime.Read(typed[TypedMeetingTime.Date], typed[TypedMeetingTime.Start], typed[TypedMeetingTime.Length], writes.Now, workingDays);
            if (time is null) return Card(BookingViews.Manage(record, meeting, channel.UsesCalendar(meeting), Invitation(record, meeting), typed, errors));
            if (time == booking.Time) return Card(BookingViews.Manage(record, meeting, channel.UsesCalendar(meeting), Invitation(record, meeting), typed,
                [new(TypedMeetingTime.Date, "That is the time it is booked for: choose a new date or start.")]));
            string success;
            if (booking.Mode == CalendarMode.Graph && channel.UsesCalendar(meeting))
            {
                meeting = meeting with { Booking = booking with { Status = BookingStatus.Moving, MovingTo = time } };
                writes.Enqueue(CalendarRequestKind.Reschedule, meeting.BookingAttempt, time);
                queued = true;
                success = $"Moving it to {time.Words} in the organiser's calendar; the attendees are told.";
            }
            else
            {
                meeting = meeting with { Booking = booking with { Time = time, Mode = CalendarMode.InvitationFile, Sequence = booking.Sequence + 1,
                    InvitationToken = booking.InvitationToken ?? InvitationLinks.NewToken() } };
                var moved = record.MeetingRescheduled(CalendarSweep.Logged(time), "invitation file updated; no calendar invitations sent", writes.Now);
                if (moved.IsRefused) return InvokeResponse.Message(moved.Refusal!);
                writes.Apply(moved);
                success = $"Moved to {time.Words}. No calendar invitations were sent: share the updated invitation file with the invitees.";
            }
            meeting = channel.Show(writes, record, meeting, actions);
            writes.Put(meeting.ToEntity());
            return Card(BookingViews.Manage(record, meeting, channel.UsesCalendar(meeting), Invitation(record, meeting), success: success));
        }, ct, MayRun);
        if (queued) calendar.Wake();
        return answer;
    }

    private async Task<InvokeResponse> CancelAsync(CardAction action, CancellationToken ct)
    {
        var confirmed = action.GetString(BookingViews.ConfirmKey) == "yes";
        var queued = false;
        var answer = await Command(action, (record, meeting, actions, writes) =>
        {
            if (!meeting.IsBooked || record.Stage != CaseStage.MeetingBooked) return InvokeResponse.Message(NotBooked);
            var booking = meeting.Booking!;
            if (booking.Status != BookingStatus.Booked) return InvokeResponse.Message(Busy);
            if (!confirmed) return Card(BookingViews.ConfirmCancel(record, meeting));
            if (booking.Mode == CalendarMode.Graph && channel.UsesCalendar(meeting))
            {
                meeting = meeting with { Booking = booking with { Status = BookingStatus.Cancelling } };
                writes.Enqueue(CalendarRequestKind.Cancel, meeting.BookingAttempt);
                queued = true;
            }
            else
            {
                meeting = meeting with { Booking = booking with { Status = BookingStatus.Cancelled, Sequence = booking.Sequence + 1 }, Times = null };
                var cancelled = record.MeetingCancelled(booking.Mode == CalendarMode.Graph
                    ? "the calendar is no longer usable: the invitees must be told by hand" : "invitation file now says cancelled", profile.Stages, writes.Now);
                if (cancelled.IsRefused) return InvokeResponse.Message(cancelled.Refusal!);
                writes.Apply(cancelled);
                record = cancelled.After;
            }
            meeting = channel.Show(writes, record, meeting, actions);
            writes.Put(meeting.ToEntity());
            return Card(new FormPageInput($"Referral {record.ReferenceOrId}: meeting cancelled")
            {
                Success = queued ? "Cancelling it in the organiser's calendar; the attendees get the cancellation. It is then to be arranged again."
                    : "Cancelled. It is to be arranged again: choose a new time from the meeting card.",
                Link = booking.Mode == CalendarMode.InvitationFile && Invitation(record, meeting) is { } file ? ("Invitation file (.ics)", file) : null,
            });
        }, ct, MayRun);
        if (queued) calendar.Wake();
        return answer;
    }

    private async Task<InvokeResponse> AnswersAsync(CardAction action, CancellationToken ct)
    {
        var queued = false;
        var answer = await Command(action, (record, meeting, actions, writes) =>
        {
            if (!meeting.IsBooked || meeting.Booking!.Mode != CalendarMode.Graph || !channel.UsesCalendar(meeting))
                return InvokeResponse.Message("Answers can be read only for a meeting booked in the organiser's calendar.");
            writes.Enqueue(CalendarRequestKind.ReadResponses, meeting.BookingAttempt);
            queued = true;
            return Card(BookingViews.Manage(record, meeting, true, null,
                success: "Asking the calendar for the answers: the meeting card shows the counts in a moment; open Manage again to see each."));
        }, ct, MayRun);
        if (queued) calendar.Wake();
        return answer;
    }

    /// <summary>A slot found in the calendars, or the time typed (always allowed: the organiser knows best).</summary>
    private (MeetingTime?, IReadOnlyList<FieldError>) Chosen(MeetingRow meeting, IReadOnlyDictionary<string, string?> typed, DateTimeOffset now, bool usesCalendar)
    {
        var slots = usesCalendar ? meeting.Times?.Slots ?? [] : [];
        var slot = typed[BookingViews.SlotId];
        if (slots.Count > 0 && slot != BookingViews.OtherTime && string.IsNullOrWhiteSpace(typed[TypedMeetingTime.Date]))
        {
            if (int.TryParse(slot, NumberStyles.None, CultureInfo.InvariantCulture, out var n) && n >= 1 && n <= slots.Count)
                return slots[n - 1].Start > now ? (new MeetingTime(slots[n - 1].Start, slots[n - 1].End), [])
                    : (null, [new(BookingViews.SlotId, "That time has passed: look for free times again, or type another time.")]);
            return (null, [new(BookingViews.SlotId, "Choose one of the times, or another time below.")]);
        }
        return TypedMeetingTime.Read(typed[TypedMeetingTime.Date], typed[TypedMeetingTime.Start], typed[TypedMeetingTime.Length], now, workingDays);
    }

    private Uri? Invitation(Case record, MeetingRow meeting) =>
        meeting.Booking is { Mode: CalendarMode.InvitationFile } b ? links.For(record.CaseId, b.InvitationToken) : null;

    /// <summary>Whether a free-times look-up is queued for the case (read before the command: it only changes a hint).</summary>
    private async Task<bool> LookingUpAsync(CardAction action, CancellationToken ct) =>
        action.GetString(MeetingVerbs.CaseIdKey) is { } caseId && CaseStore.IsCaseId(caseId)
        && (await cases.GetRowsAsync(caseId, CalendarRequest.Prefix, ct)).Any(r => r.GetString("Kind") == nameof(CalendarRequestKind.FindTimes));

    private static Dictionary<string, string?> Typed(CardAction action, params string[] ids) => ids.ToDictionary(id => id, action.GetString);

    private bool MayRun(string userKey, MeetingRow meeting) => access.MayRun(userKey, meeting);

    private static InvokeResponse Card(FormPageInput page) => InvokeResponse.Card(FormPageCard.Build(page).ToJson());

    /// <summary>A case command on an arranged meeting, for those <paramref name="allowed"/> (others' refusals are logged on the case).</summary>
    private Task<InvokeResponse> Command(CardAction action, Func<Case, MeetingRow, ActionsRow?, CaseWrites, InvokeResponse> decide, CancellationToken ct,
        Func<string, MeetingRow, bool> allowed) =>
        commands.RunAsync(action.GetString(MeetingVerbs.CaseIdKey), access.ActorFor(action.Actor.UserKey), [MeetingRow.Row, ActionsRow.Row], (file, writes) =>
        {
            if (file.Row(MeetingRow.Row) is not { } entity || MeetingRow.FromEntity(file.CaseId, entity) is not { Arrangement: not null } meeting)
                return InvokeResponse.Message(NotFound);
            if (!allowed(writes.Actor.Key, meeting)) return writes.Refuse($"{action.Verb}: not the organiser or a coordinator", InvokeResponse.Message(MeetingAccess.NotOrganiser));
            return decide(file.Case, meeting, file.Row(ActionsRow.Row) is { } a ? ActionsRow.FromEntity(file.CaseId, a) : null, writes);
        }, () => InvokeResponse.Message(NotFound), ct);
}
