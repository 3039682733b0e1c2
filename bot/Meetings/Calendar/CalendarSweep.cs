using Microsoft.Extensions.Options;
using TeamsSafeguarding.Cards.Meetings;
using TeamsSafeguarding.Cases;
using TeamsSafeguarding.Conversations;
using TeamsSafeguarding.Escalation.Calendar;
using TeamsSafeguarding.Escalation.Cases;
using TeamsSafeguarding.Escalation.Meetings;
using TeamsSafeguarding.Escalation.Process;
using TeamsSafeguarding.Outbox;
using TeamsSafeguarding.Scheduling;

namespace TeamsSafeguarding.Meetings.Calendar;

/// <summary>What a calendar call came back with: a failure, or what it found or made.</summary>
public sealed record CalendarOutcome(CalendarException? Failure = null, FoundTimes? Times = null, BookedEvent? Booked = null,
    IReadOnlyList<AttendeeResponse>? Responses = null);

/// <summary>
/// Does the calendar calls cases have queued (<see cref="CalendarQueue"/>): for each case the due index names, its requests
/// in order, each as the Graph call (outside any lock) and then a case command recording the result, which removes the
/// request under the ETag it was read with. So a result is recorded once, however often or concurrently a request is
/// delivered: a second delivery finds the request gone, and a booking sent twice carries the same transaction id, so the
/// calendar makes one event. A throttled or failed call waits (Retry-After honoured, then backing off) and holds back the
/// case's later requests; one refused for good (403: a permission or the access policy) is told to the coordinators, saying
/// what an administrator must grant.
/// </summary>
public sealed class CalendarSweep(CaseStore store, CaseCommands commands, DueWork due, DueIndex index, GraphCalendar calendar,
    MeetingChannel channel, WorkingDayCalendar workingDays, ProcessProfile profile, IOptions<GraphOptions> options,
    TimeProvider clock, CalendarSignal signal, ILogger<CalendarSweep> log) : BackgroundService
{
    /// <summary>How often to look when nothing wakes the sweep (requests retried later, another instance's requests).</summary>
    public static readonly TimeSpan PollInterval = TimeSpan.FromSeconds(15);
    public static readonly TimeSpan FirstBackoff = TimeSpan.FromSeconds(30);
    public static readonly TimeSpan MaxBackoff = TimeSpan.FromMinutes(30);

    public void Wake() => signal.Wake();

    /// <returns>How many cases' requests could not be handled.</returns>
    public Task<int> SweepOnceAsync(CancellationToken ct) => due.RunAsync(CalendarQueue.Kind, DeliverAsync, log, "The calendar sweep", ct);

    /// <summary>Delivers a case's queued calendar requests, in order, until one has to wait.</summary>
    public async Task DeliverAsync(string caseId, CancellationToken ct)
    {
        var pending = (await store.GetRowsAsync(caseId, CalendarRequest.Prefix, ct))
            .Select(e => CalendarRequest.FromEntity(caseId, e)).OrderBy(r => r.RowKey, StringComparer.Ordinal).ToList();
        foreach (var request in pending)
        {
            if (request.NotBefore > clock.GetUtcNow())
            {
                await index.ScheduleAsync(CalendarQueue.Kind, caseId, request.NotBefore, ct);
                return;
            }
            if (await store.ReadAsync(caseId, [MeetingRow.Row], ct) is not { } file) return;
            var meeting = file.Row(MeetingRow.Row) is { } row ? MeetingRow.FromEntity(caseId, row) : null;
            var outcome = await PerformAsync(request, file.Case, meeting, ct);
            var waiting = await commands.RunAsync(caseId, CaseActor.System, [MeetingRow.Row, ActionsRow.Row, request.RowKey],
                (f, writes) => Record(f, writes, request, outcome), () => false, ct);
            if (waiting) return;
        }
    }

    /// <summary>The Graph call a request asks for. No lock is held: the result is recorded by a case command afterwards.</summary>
    public async Task<CalendarOutcome> PerformAsync(CalendarRequest request, Case record, MeetingRow? meeting, CancellationToken ct)
    {
        if (!options.Value.Enabled)
            return new(new CalendarException(CalendarFailure.Rejected, 0, "CalendarOff", "Calendar booking has been turned off (Graph:Enabled)."));
        if (meeting?.Arrangement is not { } arrangement) return new();
        var organiser = arrangement.Organiser.Email;
        var eventId = meeting.Booking?.EventId;
        try
        {
            switch (request.Kind)
            {
                case CalendarRequestKind.FindTimes:
                    var now = clock.GetUtcNow();
                    var window = SlotFinder.Window(now, workingDays, profile);
                    var schedules = await calendar.FreeBusyAsync(organiser, arrangement.Emails, window.Start, window.End, ct);
                    var slots = SlotFinder.Best(window, schedules, arrangement.RequiredEmails);
                    return new(Times: new FoundTimes(slots, now, schedules.Count(s => !s.Known)));
                case CalendarRequestKind.Book when request.Time is { } time:
                    var subject = InvitationFile.Subject(record.ReferenceOrId);
                    var body = $"<p>Senior management review meeting for referral {record.ReferenceOrId}. " +
                               "The case details are in Microsoft Teams, for those whose role allows.</p>";
                    return new(Booked: await calendar.CreateAsync(organiser, new MeetingEvent(subject, body, time, arrangement.Invitees),
                        MeetingRow.TransactionIdOf(record.CaseId, request.BookingAttempt), ct));
                case CalendarRequestKind.Reschedule when request.Time is { } time && eventId is not null:
                    await calendar.RescheduleAsync(organiser, eventId, time, ct);
                    return new();
                case CalendarRequestKind.Cancel when eventId is not null:
                    await calendar.CancelAsync(organiser, eventId,
                        "This senior management review meeting has been cancelled. A new time will be arranged.", ct);
                    return new();
                case CalendarRequestKind.ReadResponses when eventId is not null:
                    return new(Responses: await calendar.ResponsesAsync(organiser, eventId, ct));
                default:
                    return new();
            }
        }
        catch (CalendarException e) when (request.Kind == CalendarRequestKind.Cancel && e.Failure == CalendarFailure.NotFound)
        {
            return new(); // already gone from the calendar: cancelled all the same
        }
        catch (CalendarException e)
        {
            log.LogWarning("Calendar {Kind} failed: {Failure} {Status} {Code}", request.Kind, e.Failure, e.Status, e.Code);
            return new(e);
        }
    }

    /// <summary>Records a request's result on the case; true when the request waits to be tried again.</summary>
    private bool Record(CaseFile file, CaseWrites writes, CalendarRequest request, CalendarOutcome outcome)
    {
        if (file.Row(request.RowKey) is null) return false; // recorded already, by another delivery
        if (file.Row(MeetingRow.Row) is not { } meetingRow)
        {
            writes.Delete(request.RowKey);
            return false;
        }
        var record = file.Case;
        var meeting = MeetingRow.FromEntity(record.CaseId, meetingRow);
        var actions = file.Row(ActionsRow.Row) is { } a ? ActionsRow.FromEntity(record.CaseId, a) : null;

        if (outcome.Failure is { Failure: CalendarFailure.Transient } busy && request.Tries + 1 < options.Value.MaxAttempts)
        {
            var at = writes.Now + Backoff(request.Tries + 1, busy.RetryAfter);
            writes.Put((request with { Tries = request.Tries + 1, NotBefore = at }).ToEntity()).Schedule(CalendarQueue.Kind, at);
            return true;
        }
        writes.Delete(request.RowKey);
        if (outcome.Failure is { } failure)
        {
            Failed(writes, record, meeting, actions, request, failure);
            return false;
        }

        var now = writes.Now;
        switch (request.Kind)
        {
            case CalendarRequestKind.FindTimes when outcome.Times is { } times:
                meeting = meeting with { Times = times, CalendarProblem = null };
                writes.Log(CaseActions.TimesFound, $"{times.Slots.Count} time(s) offered; {times.Unknown} calendar(s) could not be read");
                if (meeting.OrganiserKey is { } organiser)
                    writes.Send(new OutboundMessage(DeliveryTarget.ToUser(organiser), Replies.Card(FormPageCard.Build(
                        BookingViews.Times(record, meeting, usesCalendar: true, graphEnabled: true, lookingUp: false)).ToJson())));
                break;
            case CalendarRequestKind.Book when outcome.Booked is { } booked && request.Time is { } time:
                meeting = meeting with
                {
                    Booking = new Booking(time, CalendarMode.Graph, BookingStatus.Booked, booked.EventId, booked.JoinUrl),
                    CalendarProblem = null, Responses = null, ResponsesReadAt = null,
                };
                var change = record.MeetingBooked(Logged(time), "in the organiser's calendar with a Teams link; invitations sent", profile.Stages, now);
                if (!change.IsRefused)
                {
                    writes.Apply(change);
                    record = change.After;
                }
                if (meeting.OrganiserKey is { } owner)
                    writes.Send(new OutboundMessage(DeliveryTarget.ToUser(owner), Replies.Card(FormPageCard.Build(
                        BookingViews.Booked(record, meeting, null)).ToJson())));
                break;
            case CalendarRequestKind.Reschedule when meeting.Booking is { } moving && request.Time is { } time:
                meeting = meeting with { Booking = moving with { Time = time, Status = BookingStatus.Booked, MovingTo = null } };
                if (record.MeetingRescheduled(Logged(time), "moved in the organiser's calendar; attendees told", now) is { IsRefused: false } moved)
                    writes.Apply(moved);
                break;
            case CalendarRequestKind.Cancel when meeting.Booking is { } cancelling:
                meeting = meeting with { Booking = cancelling with { Status = BookingStatus.Cancelled }, Times = null };
                if (record.MeetingCancelled("cancelled in the organiser's calendar; attendees told", profile.Stages, now) is { IsRefused: false } cancelled)
                {
                    writes.Apply(cancelled);
                    record = cancelled.After;
                }
                break;
            case CalendarRequestKind.ReadResponses when outcome.Responses is { } responses:
                meeting = meeting with { Responses = responses, ResponsesReadAt = now };
                var (accepted, tentative, declined, waiting) = meeting.ResponseCounts();
                writes.Log(CaseActions.ResponsesRead, $"{accepted} accepted, {tentative} tentative, {declined} declined, {waiting} not yet");
                break;
        }
        meeting = channel.Show(writes, record, meeting, actions);
        writes.Put(meeting.ToEntity());
        return false;
    }

    /// <summary>A request refused for good (or still failing after every try): the coordinators are told what to do.</summary>
    private void Failed(CaseWrites writes, Case record, MeetingRow meeting, ActionsRow? actions, CalendarRequest request, CalendarException failure)
    {
        var problem = ProblemWords(request.Kind, failure);
        meeting = meeting with
        {
            CalendarProblem = problem,
            Booking = meeting.Booking switch
            {
                { Status: BookingStatus.Requested } => null,
                { Status: BookingStatus.Moving or BookingStatus.Cancelling } b => b with { Status = BookingStatus.Booked, MovingTo = null },
                var b => b,
            },
        };
        writes.Log(CaseActions.CalendarRefused, $"{CalendarQueue.Words(request.Kind)}: {failure.Status} {failure.Code ?? failure.Failure.ToString()}");
        channel.Notice(writes, new MeetingNoticeInput(record.CaseId, record.ReferenceOrId, "the calendar did not do what was asked",
            [new("Asked", CalendarQueue.Words(request.Kind)), new("Answer", $"{failure.Status} {failure.Code ?? failure.Failure.ToString()}")])
        {
            Words = problem,
            Warning = true,
            Button = request.Kind is CalendarRequestKind.FindTimes or CalendarRequestKind.Book ? ("Choose time", MeetingVerbs.ChooseTime) : null,
        });
        meeting = channel.Show(writes, record, meeting, actions);
        writes.Put(meeting.ToEntity());
    }

    /// <summary>In words for the coordinators, naming what an administrator must grant. No personal data.</summary>
    public static string ProblemWords(CalendarRequestKind kind, CalendarException failure)
    {
        var permission = kind == CalendarRequestKind.FindTimes
            ? "the Microsoft Graph application permission Calendars.ReadBasic.All (or Calendars.Read; Calendars.ReadWrite also covers it)"
            : "the Microsoft Graph application permission Calendars.ReadWrite";
        return failure switch
        {
            { Failure: CalendarFailure.Forbidden, IsPolicyBlock: true } =>
                "Microsoft Graph refused: the organiser's mailbox is outside the mailboxes the bot may use. An Exchange administrator must add it to " +
                "the group named in the bot's application access policy (or the management scope of its RBAC for Applications role assignment). " +
                "Meanwhile, choose the time without the calendar.",
            { Failure: CalendarFailure.Forbidden } =>
                $"Microsoft Graph refused: an administrator must grant the bot's identity {permission}, with admin consent (README, " +
                "\"Grant the Graph permissions\"). Meanwhile, choose the time without the calendar.",
            { Failure: CalendarFailure.NotFound } =>
                "Microsoft Graph could not find the organiser's mailbox (or the meeting): check the organiser's email address with Invitees on the meeting card.",
            { Failure: CalendarFailure.Transient } =>
                "The calendar kept failing or asking us to wait, so the bot has stopped trying. Try again later, or choose the time without the calendar.",
            _ => $"The calendar refused the request ({failure.Status} {failure.Code}). Choose the time without the calendar, or ask your administrator.",
        };
    }

    /// <summary>Doubling from 30 s to 30 min, never sooner than the calendar's Retry-After.</summary>
    public static TimeSpan Backoff(int tries, TimeSpan? retryAfter)
    {
        var wait = TimeSpan.FromTicks((long)Math.Min(FirstBackoff.Ticks * Math.Pow(2, Math.Min(tries - 1, 16)), MaxBackoff.Ticks));
        return retryAfter is { } asked && asked > wait ? (asked < MaxBackoff ? asked : MaxBackoff) : wait;
    }

    /// <summary>A meeting time for the case log: London date and times.</summary>
    public static string Logged(MeetingTime time) =>
        $"{time.Day:yyyy-MM-dd} {LondonTime.TimeOf(time.Start):HH:mm}-{LondonTime.TimeOf(time.End):HH:mm} London";

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                await SweepOnceAsync(stoppingToken);
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                log.LogWarning("The calendar sweep failed with {ExceptionType}", e.GetType().Name);
            }
            try { await signal.WaitAsync(PollInterval, stoppingToken); }
            catch (OperationCanceledException) { break; }
        }
    }
}
