using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using TeamsSafeguarding.Cards.Meetings;
using TeamsSafeguarding.Cards.Partners;
using TeamsSafeguarding.Cards.Triage;
using TeamsSafeguarding.Cases;
using TeamsSafeguarding.Escalation.Cases;
using TeamsSafeguarding.Escalation.Meetings;
using TeamsSafeguarding.Escalation.Triage;
using TeamsSafeguarding.Meetings;
using TeamsSafeguarding.Meetings.Calendar;
using TeamsSafeguarding.Tests.Meetings;
using TeamsSafeguarding.Tests.Support;
using Xunit;
using static TeamsSafeguarding.Tests.EndToEnd.MockBoard;
using static TeamsSafeguarding.Tests.EndToEnd.PlaygroundDriver;
using A = TeamsSafeguarding.Escalation.Meetings.ArrangementForm;
using Drafts = TeamsSafeguarding.Tests.Escalation.Referrals.Drafts;
using R = TeamsSafeguarding.Escalation.Meetings.MeetingRecordForm;

namespace TeamsSafeguarding.Tests.EndToEnd;

/// <summary>
/// The review meeting stage end to end in the Agents Playground: the real bot host (Development settings), the real
/// Playground and its mock people, and a fake clock moved on by hand. Without Graph (the invitation-file path): arranged
/// from the decision notice, the time recorded, the record with its actions, a reminder and marking done, an overdue flag,
/// the review date and re-escalation to the partners. With a fake Graph (the real SDK calling it): free times offered to
/// the organiser, the Teams meeting booked, the answers read, the record, and a further review arranged and booked again.
/// Alex Wilber (current user) is the referrer, a coordinator and the organiser, so his chat shows what they get.
/// </summary>
[Collection("Azurite")]
public sealed class MeetingInPlaygroundTests(AzuriteFixture azurite) : IAsyncLifetime
{
    private const string Reference = "SAB-2026-0001";
    private const string Alex_ = "alexw@example.com";
    private const string KeyPoints = "The kitchen fire risk is the partnership's first concern.";
    private const string Action1 = "Arrange a fire service home safety visit for the kitchen";
    private const string Action2 = "Local authority to review the care and support plan with the person";

    /// <summary>Tuesday 21 April 2026, 09:00 London (BST).</summary>
    private readonly FakeTimeProvider clock = new(new DateTimeOffset(2026, 4, 21, 8, 0, 0, TimeSpan.Zero));
    private FakeGraph? graph;
    private BotInPlayground rig = null!;
    private TestBotHost host => rig.Host;
    private PlaygroundSession playground => rig.Playground;
    private PlaygroundDriver driver => rig.Driver;

    public Task InitializeAsync() => Task.CompletedTask;

    private async Task StartAsync(bool withGraph)
    {
        graph = withGraph ? await FakeGraph.StartAsync() : null;
        var settings = new Dictionary<string, string?>
        {
            ["Graph:Enabled"] = withGraph ? "true" : "false",
            ["Graph:BaseUrl"] = graph?.BaseUrl ?? "https://graph.microsoft.com/v1.0",
            ["Meetings:PublicBaseUrl"] = "https://bot.example.org",
        };
        if (graph is not null)
            foreach (var email in new[] { Alex_, "meganb@example.com", "adelev@example.com", "isaiahl@example.com", "lynner@example.com", "sam.worker@example.org" })
                graph.Calendars[email] = [];
        rig = await BotInPlayground.StartAsync(azurite, clock, settings);
    }

    public async Task DisposeAsync()
    {
        if (rig is not null) await rig.DisposeAsync();
        if (graph is not null) await graph.DisposeAsync();
    }

    [Fact]
    public async Task Without_Graph_the_meeting_is_set_with_an_invitation_file_recorded_followed_up_and_re_escalated()
    {
        await StartAsync(withGraph: false);
        var notice = await MeetingRequiredAsync();

        // 1. The lead agency, organiser and invitees: three pages from the decision notice's button.
        var choose = await ArrangeAsync(notice);
        Assert.Contains("Calendar booking is not set up for this board, so no calendar invitations are sent", choose.Text);
        var meetingCard = await driver.WaitForCardAsync(m => InChannel(m, CoordinatorsChannel) && m.AllText.Contains($"Referral {Reference}: senior management review"));
        Assert.Equal("Meeting to be arranged", Fact(meetingCard, "Stage"));
        Assert.Equal("Police", Fact(meetingCard, "Lead agency"));
        Assert.Equal("6", Fact(meetingCard, "Invitees"));

        // 2. The time, typed: Thursday 23 April 10:00, 90 minutes. No invitations: an invitation file instead.
        var booked = await driver.ClickAsync(choose, MeetingVerbs.Book, new()
        {
            [TypedMeetingTime.Date] = "2026-04-23", [TypedMeetingTime.Start] = "10:00", [TypedMeetingTime.Length] = "90",
        });
        Assert.Contains("No calendar invitations were sent.", booked.Text);
        var link = Walk(booked.Card).Single(e => (string?)e["type"] == "Action.OpenUrl")["url"]!.GetValue<string>();
        Assert.StartsWith($"https://bot.example.org/meetings/", link);
        using (var http = host.CreateClient())
        {
            var ics = await http.GetStringAsync(new Uri(link).PathAndQuery.TrimStart('/'));
            Assert.Contains($"SUMMARY:Senior management review - {Reference}", ics);
            Assert.Contains("DTSTART:20260423T090000Z", ics);
            Assert.DoesNotContain("example.com", ics);
        }
        var bookedCard = await UpdateOfMeetingCardAsync(m => m.AllText.Contains("Meeting booked"));
        Assert.Equal("Thursday 23 April 2026, 10:00 to 11:30", Fact(bookedCard, "Meeting"));
        Assert.Equal("No calendar invitations sent: share the invitation file", Fact(bookedCard, "Calendar"));

        // 3. After the meeting: the record, page by page, with two actions (Alex's own, and Megan's).
        clock.SetUtcNow(new DateTimeOffset(2026, 4, 23, 11, 0, 0, TimeSpan.Zero));
        await RecordAsync(bookedCard, actionOwner2: "meganb@example.com", review: "2026-06-10", furtherReview: "no");
        var mine = await driver.WaitForCardAsync(m => m.ConversationId == driver.Chat && m.AllText.Contains("action 1 is yours"));
        Assert.Contains(Action1, mine.Text);
        var feedback = await driver.WaitForCardAsync(m => m.ConversationId == driver.Chat && m.AllText.Contains("the senior management review's feedback"));
        Assert.Contains("Fire service visit to be arranged", feedback.Text);
        await PersonalPostTriedAsync("action 2 is yours"); // to Megan, whose chat the Playground cannot show
        var monitoring = await UpdateOfMeetingCardAsync(m => m.AllText.Contains("Actions being monitored"));
        Assert.Equal("2 (0 done, 0 overdue)", Fact(monitoring, "Actions"));
        Assert.Equal("10 June 2026", Fact(monitoring, "Review date"));

        // 4. Two working days before action 1 is due (Friday 8 May, after the Early May bank holiday): the reminder at 09:00
        // on Wednesday 6 May; Alex marks it done.
        clock.SetUtcNow(new DateTimeOffset(2026, 5, 6, 8, 0, 0, TimeSpan.Zero));
        await FollowUpAsync();
        var reminder = await driver.WaitForCardAsync(m => m.ConversationId == driver.Chat && m.AllText.Contains("reminder: action 1 is due on 8 May 2026"));
        var form = await driver.ClickAsync(reminder, MeetingVerbs.MarkDone);
        var done = await driver.ClickAsync(form, MeetingVerbs.ActionDone, new() { [FollowUpViews.NoteId] = "Visit booked for 7 May." });
        Assert.Contains("Marked done on 6 May 2026", done.Text);

        // 5. The working day after action 2's due date (Wednesday 20 May): the coordinators are told it is overdue.
        clock.SetUtcNow(new DateTimeOffset(2026, 5, 21, 8, 0, 0, TimeSpan.Zero));
        await FollowUpAsync();
        var overdue = await driver.WaitForCardAsync(m => InChannel(m, CoordinatorsChannel) && m.AllText.Contains($"Referral {Reference}: action 2 is overdue"));
        Assert.Equal("Local authority", Fact(overdue, "Owner's agency"));
        var actions = await driver.ClickAsync(overdue, MeetingVerbs.Actions);
        Assert.Contains("Action 2 (Local authority): overdue", actions.Text);
        Assert.Contains("Action 1 (Police): done 6 May 2026", actions.Text);

        // 6. The review date: the coordinators decide the plan is not working and send it back to the statutory partners.
        clock.SetUtcNow(new DateTimeOffset(2026, 6, 10, 8, 0, 0, TimeSpan.Zero));
        await FollowUpAsync();
        var due = await driver.WaitForCardAsync(m => InChannel(m, CoordinatorsChannel) && m.AllText.Contains($"Referral {Reference}: the review date has come"));
        Assert.Equal("1 of 2", Fact(due, "Actions done"));
        var review = await driver.ClickAsync(due, MeetingVerbs.Review);
        var noOutcome = await driver.ClickAsync(review, MeetingVerbs.ReviewSubmit);
        Assert.Equal("Choose what happens next.", ErrorUnder(noOutcome.Card, PlanReviewForm.Outcome));
        var recorded = await driver.ClickAsync(noOutcome, MeetingVerbs.ReviewSubmit, new() { [PlanReviewForm.Outcome] = "ReEscalate" });
        Assert.Contains("sent back to the statutory partners", recorded.Text);
        var again = await driver.WaitForCardAsync(m => InChannel(m, PartnersChannel) && m.Action == "createMessage"
            && m.AllText.Contains($"Referral {Reference}: statutory partners' views") && m.AllText.Contains("24 June 2026"));
        Assert.Equal("0 of 3", Fact(again, "Views given"));

        var caseId = (await Cases.FindCaseIdAsync(Reference, default))!;
        Assert.Equal(CaseStage.WithPartners, (await Cases.GetAsync(caseId, default))!.Stage);
        var log = (await Cases.GetLogAsync(caseId, default)).Select(l => l.Action).ToList();
        foreach (var step in new[] { CaseActions.MeetingArranged, CaseActions.MeetingBooked, CaseActions.InvitationDownloaded, CaseActions.MeetingHeld,
            CaseActions.MeetingRecorded, CaseActions.ActionReminderSent, CaseActions.ActionCompleted, CaseActions.ActionOverdue, CaseActions.ReviewDue, CaseActions.PlanReviewed })
            Assert.Contains(step, log);
        AssertNothingPrivateInChannels();
    }

    [Fact]
    public async Task With_Graph_free_times_go_to_the_organiser_the_Teams_meeting_is_booked_and_a_further_review_is_booked_again()
    {
        await StartAsync(withGraph: true);
        // Adele (police) is out all of Wednesday 22 April; Isaiah (ICB) busy on Thursday 23 April until 12:00 London (11:00 UTC).
        graph!.Calendars["adelev@example.com"] = [new FakeBusy(new(2026, 4, 21, 23, 0, 0, TimeSpan.Zero), new(2026, 4, 22, 23, 0, 0, TimeSpan.Zero), "oof")];
        graph.Calendars["isaiahl@example.com"] = [new FakeBusy(new(2026, 4, 23, 8, 0, 0, TimeSpan.Zero), new(2026, 4, 23, 11, 0, 0, TimeSpan.Zero))];
        var notice = await MeetingRequiredAsync();

        var saved = await ArrangeAsync(notice);
        Assert.Contains("looking for times", saved.Text);
        await host.Services.GetRequiredService<CalendarSweep>().SweepOnceAsync(default);
        var times = await driver.WaitForCardAsync(m => m.ConversationId == driver.Chat && m.AllText.Contains("choose the meeting time") && m.AllText.Contains("free)"));
        Assert.Contains("Thursday 23 April 2026, 12:00 to 13:30 (6 of 7 free)", times.Text); // the advocate's calendar is unknown to Graph

        var booking = await driver.ClickAsync(times, MeetingVerbs.Book, new() { [BookingViews.SlotId] = "1" });
        Assert.Contains("booking the meeting", booking.Text);
        await host.Services.GetRequiredService<CalendarSweep>().SweepOnceAsync(default);
        var booked = await UpdateOfMeetingCardAsync(m => m.AllText.Contains("Meeting booked") && m.AllText.Contains("Join"));
        Assert.Equal("Teams meeting in the organiser's calendar; invitations sent", Fact(booked, "Calendar"));
        var ev = Assert.Single(graph.Events);
        Assert.Equal($"Senior management review - {Reference}", (string?)ev["subject"]);
        Assert.Empty(graph.Problems);

        graph.Answers["meganb@example.com"] = "accepted";
        graph.Answers["adelev@example.com"] = "declined";
        var manage = await driver.ClickAsync(booked, MeetingVerbs.Manage);
        await driver.ClickAsync(manage, MeetingVerbs.Answers);
        await host.Services.GetRequiredService<CalendarSweep>().SweepOnceAsync(default);
        var answered = await UpdateOfMeetingCardAsync(m => m.AllText.Contains("1 accepted, 0 tentative, 1 declined, 4 not yet"));

        // After the meeting: recorded with a further review agreed, which goes back to arranging; booked again (a new attempt).
        clock.SetUtcNow(new DateTimeOffset(2026, 4, 23, 13, 0, 0, TimeSpan.Zero));
        await RecordAsync(answered, actionOwner2: "lynner@example.com", review: "2026-06-10", furtherReview: "yes");
        var arranging = await UpdateOfMeetingCardAsync(m => m.AllText.Contains("Meeting to be arranged") && m.AllText.Contains("feedback sent"));
        var chooseAgain = await driver.ClickAsync(arranging, MeetingVerbs.ChooseTime);
        chooseAgain = await driver.ClickAsync(chooseAgain, MeetingVerbs.ChooseTime, withData: ("find", "yes"));
        await host.Services.GetRequiredService<CalendarSweep>().SweepOnceAsync(default);
        var timesAgain = await driver.WaitForCardAsync(m => m.ConversationId == driver.Chat && m.AllText.Contains("choose the meeting time")
            && m.AllText.Contains("Friday 24 April 2026"));
        await driver.ClickAsync(timesAgain, MeetingVerbs.Book, new() { [BookingViews.SlotId] = "1" });
        await host.Services.GetRequiredService<CalendarSweep>().SweepOnceAsync(default);
        await UpdateOfMeetingCardAsync(m => m.AllText.Contains("Meeting booked") && m.AllText.Contains("Friday 24 April 2026"));

        var caseId = (await Cases.FindCaseIdAsync(Reference, default))!;
        Assert.Equal([$"sab-{caseId}-booking-1", $"sab-{caseId}-booking-2"], graph.Events.Select(e => (string)e["transactionId"]!).Order());
        Assert.Empty(graph.Problems);
        Assert.Equal(2, (await Cases.GetLogAsync(caseId, default)).Count(l => l.Action == CaseActions.MeetingBooked));
        AssertNothingPrivateInChannels();
    }

    private CaseStore Cases => host.Services.GetRequiredService<CaseStore>();

    private Task FollowUpAsync() => host.Services.GetRequiredService<FollowUpSweep>().SweepOnceAsync(default);

    /// <summary>Alex refers and triages; Megan and Adele say a meeting is required: the coordinators' decision notice.</summary>
    private async Task<ShownCard> MeetingRequiredAsync()
    {
        var confirmation = await driver.SubmitReferralAsync(Drafts.Complete());
        Assert.Contains(Reference, confirmation.Text);
        var triage = await driver.WaitForCardAsync(m => InChannel(m, CoordinatorsChannel) && m.AllText.Contains($"Triage referral {Reference}"));
        await driver.ClickAsync(triage, TriageVerbs.Send, TriageChecklist.All.ToDictionary(c => c.FieldId, _ => (string?)TriageCard.Met));
        var partners = await driver.WaitForCardAsync(m => InChannel(m, PartnersChannel) && m.AllText.Contains($"Referral {Reference}: statutory partners' views"));
        foreach (var member in new[] { Megan, Adele })
        {
            var own = await driver.ClickAsync(partners, PartnersVerbs.Refresh, asUser: member);
            await driver.ClickAsync(own, PartnersVerbs.GiveView,
                new() { [PartnersCard.ChoiceId] = PartnersCard.MeetingRequired, [PartnersCard.RationaleId] = "The risks keep escalating." }, asUser: member);
        }
        var notice = await driver.WaitForCardAsync(m => InChannel(m, CoordinatorsChannel) && m.AllText.Contains($"Referral {Reference}: the statutory partners have decided"));
        Assert.Equal([MeetingVerbs.Arrange], notice.Buttons);
        return notice;
    }

    /// <summary>Alex (a coordinator) arranges it: Police lead, himself organising, the representatives from the settings, Lynne as lead professional, an advocate.</summary>
    private async Task<ShownCard> ArrangeAsync(ShownCard notice)
    {
        var page1 = await driver.ClickAsync(notice, MeetingVerbs.Arrange);
        var refused = await driver.ClickAsync(page1, MeetingVerbs.ArrangeStep, new() { [A.LeadAgency] = "police" });
        Assert.Equal("Enter the name of the manager who organises and chairs the meeting.", ErrorUnder(refused.Card, A.OrganiserName));
        var page2 = await driver.ClickAsync(refused, MeetingVerbs.ArrangeStep, new()
        {
            [A.LeadAgency] = "police", [A.OrganiserName] = "Alex Wilber", [A.OrganiserEmail] = Alex_,
        });
        Assert.Equal("adelev@example.com", page2.InputValue(A.Partner("police")));
        var page3 = await driver.ClickAsync(page2, MeetingVerbs.ArrangeStep, new()
        {
            [A.Referrer] = "sam.worker@example.org", [A.LeadProfessionalName] = "Lynne Robbins", [A.LeadProfessional] = "lynner@example.com",
        }, withData: ("go", "next"));
        return await driver.ClickAsync(page3, MeetingVerbs.ArrangeSave, new()
        {
            [A.OtherRole(0)] = "Advocate", [A.OtherEmail(0)] = "advocate@charity.example",
        });
    }

    /// <summary>From the meeting card, Alex records the meeting through its seven steps, with two actions.</summary>
    private async Task RecordAsync(ShownCard meetingCard, string actionOwner2, string review, string furtherReview)
    {
        var card = await driver.ClickAsync(meetingCard, MeetingVerbs.Record);
        Assert.Contains("Step 1 of 7: attendance", card.Text);
        var missing = await driver.ClickAsync(card, MeetingVerbs.RecordStep, withData: ("go", "next"));
        Assert.Equal("Tick who attended (at least one person).", ErrorUnder(missing.Card, R.Attended));
        card = await driver.ClickAsync(missing, MeetingVerbs.RecordStep, new() { [R.Attended] = "organiser,i0,i1,i2", [R.NotEngaged] = "icb" }, withData: ("go", "next"));
        card = await driver.ClickAsync(card, MeetingVerbs.RecordStep, new() { [R.WorkingWell] = "Daily calls are answered.", [R.NotWorking] = "Home visits are refused." }, withData: ("go", "next"));
        card = await driver.ClickAsync(card, MeetingVerbs.RecordStep, new()
        {
            [R.RemainingRisk] = "The fire risk remains high.", [R.Decisions] = "Fire service visit to be arranged; weekly welfare check.", [R.Unmitigated] = "None",
        }, withData: ("go", "next"));
        card = await driver.ClickAsync(card, MeetingVerbs.RecordStep, new() { [R.KeyPoints] = KeyPoints }, withData: ("go", "next"));
        card = await driver.ClickAsync(card, MeetingVerbs.RecordStep, new()
        {
            [R.MonitoringAgency] = "la", [R.MonitoringHow] = "Social worker, weekly visits", [R.ReviewDate] = review, [R.FurtherReview] = furtherReview,
        }, withData: ("go", "next"));
        Assert.Contains("Step 6 of 7: SMART action 1", card.Text);
        card = await driver.ClickAsync(card, MeetingVerbs.RecordStep, new()
        {
            [R.Action(1, R.ActionPart.What)] = Action1, [R.Action(1, R.ActionPart.OwnerName)] = "Alex Wilber", [R.Action(1, R.ActionPart.OwnerEmail)] = Alex_,
            [R.Action(1, R.ActionPart.OwnerAgency)] = "police", [R.Action(1, R.ActionPart.Measure)] = "Visit done and its report on file",
            [R.Action(1, R.ActionPart.Due)] = "2026-05-08",
        }, withData: ("go", "add"));
        card = await driver.ClickAsync(card, MeetingVerbs.RecordStep, new()
        {
            [R.Action(2, R.ActionPart.What)] = Action2, [R.Action(2, R.ActionPart.OwnerName)] = "Second Owner", [R.Action(2, R.ActionPart.OwnerEmail)] = actionOwner2,
            [R.Action(2, R.ActionPart.OwnerAgency)] = "la", [R.Action(2, R.ActionPart.Measure)] = "A reviewed plan on file", [R.Action(2, R.ActionPart.Due)] = "2026-05-20",
        }, withData: ("go", "next"));
        Assert.Contains("Step 7 of 7: check and record", card.Text);
        var recorded = await driver.ClickAsync(card, MeetingVerbs.RecordSubmit);
        Assert.Contains("meeting recorded", recorded.Text);
    }

    private async Task<ShownCard> UpdateOfMeetingCardAsync(Func<PlaygroundMessage, bool> predicate) =>
        driver.CardOf(await playground.WaitForMessageAsync(m => InChannel(m, CoordinatorsChannel) && m.AdaptiveCards.Any()
            && m.AllText.Contains($"Referral {Reference}: senior management review") && predicate(m), Wait));

    private Task PersonalPostTriedAsync(string text) =>
        playground.WaitForLogAsync(l => l.ActivityName == "message" && l.RequestBody?.ToJsonString().Contains(text) == true, Wait);

    /// <summary>No personal details, addresses or typed record text in any channel message, and no failed request.</summary>
    private void AssertNothingPrivateInChannels()
    {
        var failures = playground.Log.Where(l => l.StatusCode >= 500 && (string?)l.ResponseBody?["error"]?["code"] != "UserNotFound")
            .Select(l => $"{l.Type} {l.ActivityName} {l.ConversationId} -> {l.StatusCode}").ToList();
        Assert.True(failures.Count == 0, "The bot failed: " + string.Join("; ", failures));
        foreach (var message in playground.Messages.Where(m => m.ConversationId != driver.Chat))
        {
            var posted = message.Raw.ToJsonString();
            foreach (var secret in PersonalDetails.Concat([KeyPoints, Action1, Action2, "@example", "Lynne Robbins", "weekly welfare check"]))
                Assert.False(posted.Contains(secret, StringComparison.OrdinalIgnoreCase), $"\"{secret}\" was shown in {message.ConversationId}: {posted}");
        }
    }
}
