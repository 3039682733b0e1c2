using System.Text.Json.Nodes;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using TeamsSafeguarding.Escalation.Meetings;
using TeamsSafeguarding.Identity;
using TeamsSafeguarding.Meetings;
using TeamsSafeguarding.Meetings.Calendar;
using Xunit;

namespace TeamsSafeguarding.Tests.Meetings;

/// <summary>
/// The bot's calendar calls through the real Microsoft Graph SDK (6.10, its default middleware with the retry handler,
/// wired by the bot's own MeetingsSetup) against a local fake Graph that checks each request and answers in Microsoft's
/// documented shapes, including the 429, 403 and 5xx answers.
/// </summary>
public sealed class GraphCalendarTests : IAsyncLifetime
{
    private const string Organiser = "organiser@contoso.com";
    private static readonly DateTimeOffset Start = new(2026, 3, 10, 9, 0, 0, TimeSpan.Zero);
    private FakeGraph _graph = null!;
    private ServiceProvider _services = null!;

    private GraphCalendar Calendar => _services.GetRequiredService<GraphCalendar>();

    public async Task InitializeAsync()
    {
        _graph = await FakeGraph.StartAsync();
        _graph.Calendars[Organiser] = [];
        var config = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Graph:Enabled"] = "true",
            ["Graph:BaseUrl"] = _graph.BaseUrl,
        }).Build();
        _services = new ServiceCollection().AddLogging().AddSingleton(TimeProvider.System).AddAzureCredential(config).AddMeetings(config).BuildServiceProvider();
    }

    public async Task DisposeAsync()
    {
        await _services.DisposeAsync();
        await _graph.DisposeAsync();
    }

    private static MeetingTime Time(int day, int hour) =>
        new(new DateTimeOffset(2026, 3, day, hour, 0, 0, TimeSpan.Zero), new DateTimeOffset(2026, 3, day, hour + 1, 30, 0, TimeSpan.Zero));

    private static MeetingEvent Meeting(MeetingTime time) => new("Senior management review - SAB-2026-0007",
        "<p>Senior management review meeting for referral SAB-2026-0007.</p>", time,
        [new Invitee(InviteeRole.StatutoryPartner, "police.rep@contoso.com", AgencyId: "police"), new Invitee(InviteeRole.Advocate, "advocate@contoso.com")]);

    [Fact]
    public async Task Free_busy_is_asked_of_the_organisers_mailbox_in_UTC_twenty_addresses_at_a_time()
    {
        var emails = Enumerable.Range(1, 23).Select(i => $"person{i}@contoso.com").ToList();
        foreach (var email in emails.Take(22)) _graph.Calendars[email] = [];
        _graph.Calendars["person2@contoso.com"] = [new FakeBusy(Start.AddHours(1), Start.AddHours(2)), new FakeBusy(Start.AddHours(3), Start.AddHours(8), "oof")];
        _graph.Calendars["person3@contoso.com"] = [new FakeBusy(Start, Start.AddMinutes(30), "tentative"), new FakeBusy(Start.AddHours(2), Start.AddHours(3), "workingElsewhere")];

        var schedules = await Calendar.FreeBusyAsync(Organiser, emails, Start, Start.AddHours(8), default);

        Assert.Empty(_graph.Problems);
        var calls = _graph.Calls;
        Assert.Equal(2, calls.Count);
        Assert.All(calls, c =>
        {
            Assert.Equal("POST", c.Method);
            Assert.Equal($"/users/{Organiser}/calendar/getSchedule", c.Path);
            Assert.Equal("outlook.timezone=\"UTC\"", c.Prefer);
            Assert.Null(c.Authorization); // not a Graph host: the SDK attaches no token, and none is asked for
            // The SDK names getSchedule's parameters as Graph's metadata does (Pascal case).
            Assert.Equal("2026-03-10T09:00:00", (string?)c.Body!["StartTime"]!["dateTime"]);
            Assert.Equal("UTC", (string?)c.Body["StartTime"]!["timeZone"]);
            Assert.Equal(30, (int?)c.Body["AvailabilityViewInterval"]);
        });
        Assert.Equal([20, 3], calls.Select(c => c.Body!["Schedules"]!.AsArray().Count));

        Assert.Equal(emails, schedules.Select(s => s.Email));
        Assert.False(schedules.Single(s => s.Email == "person23@contoso.com").Known); // Graph answered an error for that one
        var two = schedules.Single(s => s.Email == "person2@contoso.com");
        Assert.Equal(Availability.Busy, two.During(Start.AddHours(1), Start.AddHours(1.5)));
        Assert.Equal(Availability.Away, two.During(Start.AddHours(6), Start.AddHours(7)));
        Assert.Equal(Availability.Free, two.During(Start, Start.AddHours(1)));
        var three = schedules.Single(s => s.Email == "person3@contoso.com");
        Assert.Equal(Availability.Tentative, three.During(Start, Start.AddHours(1)));
        Assert.Equal(Availability.Free, three.During(Start.AddHours(2), Start.AddHours(3))); // working elsewhere is free for a Teams meeting
    }

    [Fact]
    public async Task Microsofts_documented_free_busy_answer_is_read_by_schedule_id_whatever_its_order()
    {
        _graph.AnswerNext(1, 200, "getschedule-response-2users.json");

        var schedules = await Calendar.FreeBusyAsync(Organiser, ["megan.bowen@contoso.com", "alex.wilber@contoso.com"], Start, Start.AddHours(4), default);

        var alex = schedules.Single(s => s.Email == "alex.wilber@contoso.com");
        Assert.True(alex.Known);
        Assert.Equal(Availability.Busy, alex.During(Start.AddHours(1), Start.AddHours(2)));
        Assert.Equal(Availability.Free, alex.During(Start, Start.AddHours(1)));
        var megan = schedules.Single(s => s.Email == "megan.bowen@contoso.com");
        Assert.Equal(Availability.Tentative, megan.During(Start, Start.AddMinutes(30)));
        Assert.Equal(Availability.Away, megan.During(Start.AddHours(3), Start.AddHours(4))); // the out-of-office item runs past the window
    }

    [Fact]
    public async Task A_meeting_is_created_as_a_Teams_meeting_with_the_transaction_id_and_a_retried_create_makes_one_event()
    {
        var first = await Calendar.CreateAsync(Organiser, Meeting(Time(10, 14)), "sab-case-booking-1", default);
        var again = await Calendar.CreateAsync(Organiser, Meeting(Time(10, 14)), "sab-case-booking-1", default);

        Assert.Empty(_graph.Problems);
        Assert.Equal(first, again);
        Assert.StartsWith("https://teams.microsoft.com/l/meetup-join/", first.JoinUrl);
        Assert.Single(_graph.Events);
        var create = _graph.Calls.First(c => c.Method == "POST" && c.Path == $"/users/{Organiser}/events");
        var body = create.Body!;
        Assert.True((bool)body["isOnlineMeeting"]!);
        Assert.Equal("teamsForBusiness", (string?)body["onlineMeetingProvider"]);
        Assert.False((bool)body["allowNewTimeProposals"]!);
        Assert.Equal("sab-case-booking-1", (string?)body["transactionId"]);
        Assert.Equal("GMT Standard Time", (string?)body["start"]!["timeZone"]);
        Assert.Equal("2026-03-10T14:00:00", (string?)body["start"]!["dateTime"]); // GMT in March: London time is UTC
        Assert.Equal(["required", "optional"], body["attendees"]!.AsArray().Select(a => (string?)a!["type"]));
        Assert.Equal("Senior management review - SAB-2026-0007", (string?)body["subject"]);

        // A new booking attempt is a new event.
        var second = await Calendar.CreateAsync(Organiser, Meeting(Time(11, 10)), "sab-case-booking-2", default);
        Assert.NotEqual(first.EventId, second.EventId);
        Assert.Equal(2, _graph.Events.Count);
    }

    [Fact]
    public async Task Moving_patches_only_start_and_end_cancelling_tells_attendees_and_answers_are_read_back()
    {
        var booked = await Calendar.CreateAsync(Organiser, Meeting(Time(10, 14)), "sab-case-booking-1", default);
        _graph.Answers["police.rep@contoso.com"] = "accepted";
        _graph.Answers["advocate@contoso.com"] = "declined";

        await Calendar.RescheduleAsync(Organiser, booked.EventId, Time(12, 9), default);
        var answers = await Calendar.ResponsesAsync(Organiser, booked.EventId, default);
        await Calendar.CancelAsync(Organiser, booked.EventId, "Cancelled; a new time will be arranged.", default);

        Assert.Empty(_graph.Problems);
        var patch = Assert.Single(_graph.Calls, c => c.Method == "PATCH");
        Assert.Equal($"/users/{Organiser}/events/{booked.EventId}", patch.Path);
        Assert.Equal(["end", "start"], patch.Body!.AsObject().Select(p => p.Key).Where(k => !k.StartsWith('@')).Order());
        Assert.Equal("2026-03-12T09:00:00", (string?)patch.Body["start"]!["dateTime"]);
        var read = Assert.Single(_graph.Calls, c => c.Method == "GET");
        Assert.Contains("attendees", Uri.UnescapeDataString(read.Query));
        Assert.Equal([("police.rep@contoso.com", "accepted"), ("advocate@contoso.com", "declined")], answers.Select(a => (a.Email, a.Response)));
        var cancel = Assert.Single(_graph.Calls, c => c.Path.EndsWith("/cancel", StringComparison.Ordinal));
        Assert.Equal(202, cancel.Status);
        // An action's parameter, named as in Graph's metadata ("Comment"): the reason attendees get.
        Assert.Equal("Cancelled; a new time will be arranged.", (string?)cancel.Body!.AsObject().Single(p => p.Key.Equals("comment", StringComparison.OrdinalIgnoreCase)).Value);
        Assert.True((bool)_graph.Events.Single()["isCancelled"]!);
    }

    [Fact]
    public async Task Throttling_is_waited_out_by_the_SDK_honouring_Retry_After_and_a_lasting_one_is_a_passing_failure()
    {
        _graph.AnswerNext(1, 429, "error-429-throttled.json", retryAfterSeconds: 0);
        var booked = await Calendar.CreateAsync(Organiser, Meeting(Time(10, 14)), "sab-case-booking-1", default);
        Assert.Equal(2, _graph.Calls.Count(c => c.Method == "POST"));
        Assert.Single(_graph.Events);

        // Throttled beyond the SDK's own retries: the bot gets a passing failure with Graph's Retry-After, and tries later.
        _graph.AnswerNext(4, 429, "error-429-throttled.json", retryAfterSeconds: 1);
        var busy = await Assert.ThrowsAsync<CalendarException>(() => Calendar.RescheduleAsync(Organiser, booked.EventId, Time(12, 9), default));
        Assert.Equal(CalendarFailure.Transient, busy.Failure);
        Assert.Equal(TimeSpan.FromSeconds(1), busy.RetryAfter);

        _graph.AnswerNext(4, 503, "error-429-throttled.json", retryAfterSeconds: 0);
        Assert.Equal(CalendarFailure.Transient, (await Assert.ThrowsAsync<CalendarException>(() => Calendar.ResponsesAsync(Organiser, booked.EventId, default))).Failure);
    }

    [Fact]
    public async Task A_403_says_whether_a_permission_or_the_access_policy_is_missing_and_the_words_name_what_to_grant()
    {
        _graph.AnswerNext(1, 403, "error-403-access-denied-no-consent.json");
        var consent = await Assert.ThrowsAsync<CalendarException>(() => Calendar.CreateAsync(Organiser, Meeting(Time(10, 14)), "t-1", default));
        _graph.AnswerNext(1, 403, "error-403-access-denied-policy.json");
        var policy = await Assert.ThrowsAsync<CalendarException>(() => Calendar.FreeBusyAsync(Organiser, [Organiser], Start, Start.AddHours(1), default));

        Assert.Equal((CalendarFailure.Forbidden, 403, "ErrorAccessDenied", false), (consent.Failure, consent.Status, consent.Code, consent.IsPolicyBlock));
        Assert.True(policy.IsPolicyBlock);
        Assert.Contains("Calendars.ReadWrite", CalendarSweep.ProblemWords(CalendarRequestKind.Book, consent));
        Assert.Contains("Calendars.ReadBasic.All", CalendarSweep.ProblemWords(CalendarRequestKind.FindTimes, consent));
        Assert.Contains("application access policy", CalendarSweep.ProblemWords(CalendarRequestKind.FindTimes, policy));
        Assert.Empty(_graph.Events);
    }

    [Fact]
    public async Task An_unknown_mailbox_is_not_found_and_a_malformed_request_is_refused_for_good()
    {
        var missing = await Assert.ThrowsAsync<CalendarException>(() => Calendar.CreateAsync("nobody@contoso.com", Meeting(Time(10, 14)), "t-1", default));
        Assert.Equal(CalendarFailure.NotFound, missing.Failure);
        var refused = await Assert.ThrowsAsync<CalendarException>(() => Calendar.CreateAsync(Organiser, Meeting(Time(10, 14)) with { Subject = null! }, "t-2", default));
        Assert.Equal(CalendarFailure.Rejected, refused.Failure);
        Assert.Equal(400, refused.Status);
    }
}
