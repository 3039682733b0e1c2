using System.Globalization;
using Microsoft.Graph;
using Microsoft.Graph.Models;
using Microsoft.Graph.Models.ODataErrors;
using Microsoft.Kiota.Abstractions;
using TeamsSafeguarding.Escalation.Calendar;
using TeamsSafeguarding.Escalation.Meetings;

namespace TeamsSafeguarding.Meetings.Calendar;

/// <summary>What the bot writes into the organiser's calendar: the case reference and the time, never a personal detail.</summary>
public sealed record MeetingEvent(string Subject, string BodyHtml, MeetingTime Time, IReadOnlyList<Invitee> Invitees);

/// <summary>The event as the calendar created it.</summary>
public sealed record BookedEvent(string EventId, string? JoinUrl);

/// <summary>
/// The organiser's Outlook calendar through Microsoft Graph v1.0 (SDK 6.x; graph-meetings.md): free/busy
/// (<c>getSchedule</c>, in batches of 20), an event with a Teams link (<c>POST /users/{organiser}/events</c> with a
/// transaction id), moving it (<c>PATCH</c>), cancelling it (<c>POST …/cancel</c>, so attendees get a reason) and reading
/// the attendees' answers. The SDK's retry handler already waits out 429/503/504 (honouring Retry-After); what still
/// fails is thrown as a <see cref="CalendarException"/> saying whether to try again.
/// </summary>
public sealed class GraphCalendar(GraphServiceClient graph)
{
    /// <summary>Graph names London's zone this way (Windows id) in requests.</summary>
    public const string LondonZone = "GMT Standard Time";
    private const int SchedulesPerCall = 20;

    public async Task<IReadOnlyList<PersonSchedule>> FreeBusyAsync(string organiser, IReadOnlyList<string> emails, DateTimeOffset start,
        DateTimeOffset end, CancellationToken ct)
    {
        var found = new List<PersonSchedule>();
        foreach (var batch in emails.Chunk(SchedulesPerCall))
        {
            var body = new Microsoft.Graph.Users.Item.Calendar.GetSchedule.GetSchedulePostRequestBody
            {
                Schedules = [.. batch],
                StartTime = Utc(start),
                EndTime = Utc(end),
                AvailabilityViewInterval = 30,
            };
            var answer = await Call(() => graph.Users[organiser].Calendar.GetSchedule.PostAsGetSchedulePostResponseAsync(body,
                rc => rc.Headers.Add("Prefer", "outlook.timezone=\"UTC\""), ct));
            // Match on scheduleId, not order; anyone Graph did not answer for is unknown.
            var byEmail = (answer?.Value ?? []).Where(s => s.ScheduleId is not null)
                .GroupBy(s => s.ScheduleId!, StringComparer.OrdinalIgnoreCase).ToDictionary(g => g.Key, g => g.First(), StringComparer.OrdinalIgnoreCase);
            foreach (var email in batch)
                found.Add(byEmail.TryGetValue(email, out var info) && info.Error is null ? ScheduleOf(email, info) : PersonSchedule.Unknown(email));
        }
        return found;
    }

    public async Task<BookedEvent> CreateAsync(string organiser, MeetingEvent meeting, string transactionId, CancellationToken ct)
    {
        var created = await Call(() => graph.Users[organiser].Events.PostAsync(new Event
        {
            Subject = meeting.Subject,
            Body = new ItemBody { ContentType = BodyType.Html, Content = meeting.BodyHtml },
            Start = London(meeting.Time.Start),
            End = London(meeting.Time.End),
            Attendees = [.. meeting.Invitees.Select(i => new Attendee
            {
                Type = i.Required ? AttendeeType.Required : AttendeeType.Optional,
                EmailAddress = new EmailAddress { Address = i.Email, Name = i.Name },
            })],
            IsOnlineMeeting = true,
            OnlineMeetingProvider = OnlineMeetingProviderType.TeamsForBusiness,
            AllowNewTimeProposals = false,
            TransactionId = transactionId,
        }, cancellationToken: ct)) ?? throw new CalendarException(CalendarFailure.Transient, 0, null, "The calendar answered without the event.");
        var id = created.Id ?? throw new CalendarException(CalendarFailure.Transient, 0, null, "The calendar answered without the event's id.");
        var joinUrl = created.OnlineMeeting?.JoinUrl;
        if (joinUrl is null)
        {
            // The Teams link is sometimes added just after the event (graph-meetings.md section 2): read it once more.
            var again = await Call(() => graph.Users[organiser].Events[id].GetAsync(rc => rc.QueryParameters.Select = ["onlineMeeting"], ct));
            joinUrl = again?.OnlineMeeting?.JoinUrl;
        }
        return new BookedEvent(id, joinUrl);
    }

    public Task RescheduleAsync(string organiser, string eventId, MeetingTime time, CancellationToken ct) =>
        Call(() => graph.Users[organiser].Events[eventId].PatchAsync(new Event { Start = London(time.Start), End = London(time.End) }, cancellationToken: ct));

    public async Task CancelAsync(string organiser, string eventId, string comment, CancellationToken ct) =>
        await Call(async () =>
        {
            await graph.Users[organiser].Events[eventId].Cancel.PostAsync(
                new Microsoft.Graph.Users.Item.Events.Item.Cancel.CancelPostRequestBody { Comment = comment }, cancellationToken: ct);
            return true;
        });

    public async Task<IReadOnlyList<AttendeeResponse>> ResponsesAsync(string organiser, string eventId, CancellationToken ct)
    {
        var read = await Call(() => graph.Users[organiser].Events[eventId].GetAsync(rc => rc.QueryParameters.Select = ["attendees"], ct));
        return [.. (read?.Attendees ?? []).Where(a => a.EmailAddress?.Address is not null)
            .Select(a => new AttendeeResponse(a.EmailAddress!.Address!, ResponseWord(a.Status?.Response)))];
    }

    /// <summary>A Graph request's address with the mailbox in its path replaced by "{mailbox}"; null for any other address.</summary>
    public static string? WithoutMailbox(Uri? uri, string graphBaseUrl)
    {
        if (uri is null || !uri.AbsoluteUri.StartsWith(graphBaseUrl.TrimEnd('/') + "/", StringComparison.OrdinalIgnoreCase)) return null;
        var segments = uri.AbsolutePath.Split('/');
        for (var i = 0; i + 1 < segments.Length; i++)
            if (segments[i] == "users") segments[i + 1] = "{mailbox}";
        return $"{uri.GetLeftPart(UriPartial.Authority)}{string.Join('/', segments)}";
    }

    private static string ResponseWord(ResponseType? response) => response switch
    {
        ResponseType.Accepted => "accepted",
        ResponseType.TentativelyAccepted => "tentativelyAccepted",
        ResponseType.Declined => "declined",
        ResponseType.Organizer => "organizer",
        ResponseType.NotResponded => "notResponded",
        _ => "none",
    };

    private static PersonSchedule ScheduleOf(string email, ScheduleInformation info) => new(email, true,
        [.. (info.ScheduleItems ?? []).Select(item => (item, from: Instant(item.Start), to: Instant(item.End)))
            .Where(x => x.from is not null && x.to is not null)
            .Select(x => new CalendarPeriod(x.from!.Value, x.to!.Value, x.item.Status switch
            {
                FreeBusyStatus.Free or FreeBusyStatus.WorkingElsewhere => Availability.Free,
                FreeBusyStatus.Busy => Availability.Busy,
                FreeBusyStatus.Oof => Availability.Away,
                _ => Availability.Tentative, // tentative, or unknown: not plainly free
            }))]);

    private static DateTimeTimeZone Utc(DateTimeOffset instant) =>
        new() { DateTime = instant.UtcDateTime.ToString("yyyy-MM-ddTHH:mm:ss", CultureInfo.InvariantCulture), TimeZone = "UTC" };

    private static DateTimeTimeZone London(DateTimeOffset instant) => new()
    {
        DateTime = TimeZoneInfo.ConvertTime(instant, LondonTime.Zone).ToString("yyyy-MM-ddTHH:mm:ss", CultureInfo.InvariantCulture),
        TimeZone = LondonZone,
    };

    /// <summary>A Graph date-time: wall-clock time (no offset) in the zone it names (UTC when we asked for it; read the zone anyway).</summary>
    public static DateTimeOffset? Instant(DateTimeTimeZone? value)
    {
        if (value?.DateTime is null || !DateTime.TryParse(value.DateTime, CultureInfo.InvariantCulture, DateTimeStyles.None, out var local)) return null;
        local = DateTime.SpecifyKind(local, DateTimeKind.Unspecified);
        TimeZoneInfo zone;
        try
        {
            zone = value.TimeZone is null or "UTC" or "Etc/UTC" ? TimeZoneInfo.Utc : TimeZoneInfo.FindSystemTimeZoneById(value.TimeZone);
        }
        catch (Exception e) when (e is TimeZoneNotFoundException or InvalidTimeZoneException)
        {
            zone = TimeZoneInfo.Utc;
        }
        return new DateTimeOffset(TimeZoneInfo.ConvertTimeToUtc(local, zone), TimeSpan.Zero);
    }

    /// <summary>Runs a call, turning Graph's failures (and the retry handler's "too many retries") into <see cref="CalendarException"/>.</summary>
    private static async Task<T?> Call<T>(Func<Task<T?>> call)
    {
        try
        {
            return await call();
        }
        catch (ODataError e)
        {
            throw Classify(e.ResponseStatusCode, e.Error?.Code, e.Error?.Message, RetryAfterOf(e), e);
        }
        catch (ApiException e)
        {
            throw Classify(e.ResponseStatusCode, null, null, RetryAfterOf(e), e);
        }
        catch (AggregateException e)
        {
            // The retry handler gave up after its retries: still a passing condition, tried again later.
            var last = e.InnerExceptions.OfType<ApiException>().LastOrDefault();
            throw new CalendarException(CalendarFailure.Transient, last?.ResponseStatusCode ?? 0, null, "The calendar kept asking us to wait.",
                last is null ? null : RetryAfterOf(last), e);
        }
        catch (HttpRequestException e)
        {
            throw new CalendarException(CalendarFailure.Transient, 0, null, $"The calendar could not be reached ({e.GetType().Name}).", inner: e);
        }
        catch (TaskCanceledException e) when (e.InnerException is TimeoutException)
        {
            throw new CalendarException(CalendarFailure.Transient, 0, null, "The calendar did not answer in time.", inner: e);
        }
    }

    private static CalendarException Classify(int status, string? code, string? message, TimeSpan? retryAfter, Exception inner) => status switch
    {
        403 => new CalendarException(CalendarFailure.Forbidden, status, code, $"The calendar refused access ({status} {code}).", inner: inner)
        {
            IsPolicyBlock = message?.Contains("Access to OData is disabled", StringComparison.OrdinalIgnoreCase) == true,
        },
        404 => new CalendarException(CalendarFailure.NotFound, status, code, $"The calendar has no such mailbox or event ({status} {code}).", inner: inner),
        408 or 429 or >= 500 or 0 => new CalendarException(CalendarFailure.Transient, status, code, $"The calendar is busy ({status} {code}).", retryAfter, inner),
        _ => new CalendarException(CalendarFailure.Rejected, status, code, $"The calendar refused the request ({status} {code}).", inner: inner),
    };

    private static TimeSpan? RetryAfterOf(ApiException e)
    {
        if (e.ResponseHeaders is null || !e.ResponseHeaders.TryGetValue("Retry-After", out var values)) return null;
        var first = values.FirstOrDefault();
        return int.TryParse(first, NumberStyles.None, CultureInfo.InvariantCulture, out var seconds) ? TimeSpan.FromSeconds(seconds) : null;
    }
}
