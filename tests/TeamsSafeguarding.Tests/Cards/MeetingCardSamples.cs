using System.Text.Json.Nodes;
using TeamsSafeguarding.Cards;
using TeamsSafeguarding.Cards.Meetings;
using TeamsSafeguarding.Cards.Partners;
using TeamsSafeguarding.Escalation.Calendar;
using TeamsSafeguarding.Escalation.Cases;
using TeamsSafeguarding.Escalation.Meetings;
using TeamsSafeguarding.Escalation.Process;
using TeamsSafeguarding.Meetings;
using TeamsSafeguarding.Meetings.Calendar;
using F = TeamsSafeguarding.Escalation.Meetings.MeetingRecordForm;

namespace TeamsSafeguarding.Tests.Cards;

/// <summary>
/// The review meeting's cards, each with its largest realistic content (the most invitees, actions and rows, every text
/// at its limit), built through the bot's own views so the samples are the cards people get. Each names the builder
/// that drew it (the meeting's forms are pages of FormPageCard).
/// </summary>
public static class MeetingCardSamples
{
    private const string CaseId = "0123456789abcdef0123456789abcdef";
    private static readonly DateTimeOffset Now = new(2026, 3, 2, 10, 0, 0, TimeSpan.Zero);
    private static readonly MeetingTime Time = new(new DateTimeOffset(2026, 3, 11, 13, 30, 0, TimeSpan.Zero), new DateTimeOffset(2026, 3, 11, 15, 0, 0, TimeSpan.Zero));

    private static readonly IReadOnlyList<LeadAgency> Agencies =
    [
        new("la", "Local authority", true), new("police", "Police", true), new("icb", "NHS integrated care board", true),
        .. TeamsSafeguarding.Meetings.MeetingsOptions.DefaultOtherLeadAgencies().Select(n => new LeadAgency("other-" + n.ToLowerInvariant().Replace(' ', '-'), n, false)),
    ];

    private static readonly Case Record = new()
    {
        CaseId = CaseId, Reference = "SAB-2026-0007", Stage = CaseStage.MeetingBooked, ReferrerKey = "referrer", CreatedAt = Now, UpdatedAt = Now, Version = 1,
    };

    private static string Long(string start, int length) =>
        (start + " " + string.Concat(Enumerable.Repeat("The person declines the home care visits offered and the kitchen remains a fire risk. ", 80)))[..length];

    private static Arrangement Arranged() => new(new LeadAgency("police", "Police", true), null, new Organiser("Olive Organiser-Longname", "olive.organiser@police.example.org"),
    [
        new(InviteeRole.StatutoryPartner, "local.authority.representative@council.example.gov.uk", AgencyId: "la"),
        new(InviteeRole.StatutoryPartner, "police.representative@police.example.pnn.police.uk", AgencyId: "police"),
        new(InviteeRole.StatutoryPartner, "integrated.care.board.representative@nhs.example.net", AgencyId: "icb"),
        new(InviteeRole.Referrer, "referrer.name@housing-association.example.org.uk"),
        new(InviteeRole.SeniorManager, "senior.manager@housing-association.example.org.uk"),
        new(InviteeRole.LeadProfessional, "lead.professional@council.example.gov.uk", "Lee Professional"),
        new(InviteeRole.Advocate, "advocate@advocacy-charity.example.org.uk"),
        new(InviteeRole.Gp, "gp.surgery@nhs.example.net"),
        new(InviteeRole.Housing, "housing.officer@housing.example.org.uk"),
        new(InviteeRole.Other, "fire.safety@fire-and-rescue.example.gov.uk"),
    ]);

    private static MeetingRow Meeting(Booking? booking = null) => MeetingRow.Start(CaseId) with
    {
        Arrangement = Arranged(), OrganiserKey = "organiser",
        Times = new FoundTimes([new(Time.Start, Time.End, 10, 1, 11), new(Time.Start.AddDays(1), Time.End.AddDays(1), 9, 2, 11),
            new(Time.Start.AddDays(6), Time.End.AddDays(6), 9, 0, 11)], Now, 1),
        Booking = booking,
        Responses = [.. Arranged().Invitees.Select((i, n) => new AttendeeResponse(i.Email, n % 3 == 0 ? "accepted" : n % 3 == 1 ? "declined" : "none"))],
        ResponsesReadAt = Now,
    };

    private static Dictionary<string, string> RecordValues()
    {
        var values = new Dictionary<string, string>
        {
            [F.Attended] = "organiser,i0,i1,i2,i3,i4,i5,i6,i7,i8,i9",
            [F.NotEngaged] = "la,icb",
            [F.WorkingWell] = Long("Working:", F.MaxText), [F.NotWorking] = Long("Not working:", F.MaxText),
            [F.RemainingRisk] = Long("Remaining:", F.MaxText), [F.Decisions] = Long("Decisions:", F.MaxText), [F.Unmitigated] = Long("Unmitigated:", F.MaxText),
            [F.KeyPoints] = Long("Key points:", F.MaxText), [F.MonitoringAgency] = "other-nhs-community-or-acute-trust",
            [F.MonitoringHow] = Long("Monitoring:", F.MaxShortText), [F.ReviewDate] = "2026-09-30", [F.FurtherReview] = "no",
        };
        for (var n = 1; n <= F.MaxActions; n++)
        {
            values[F.Action(n, F.ActionPart.What)] = Long($"Action {n}:", F.MaxShortText);
            values[F.Action(n, F.ActionPart.OwnerName)] = "Owner Name-Longer-Than-Most";
            values[F.Action(n, F.ActionPart.OwnerEmail)] = "owner.name@agency.example.org.uk";
            values[F.Action(n, F.ActionPart.OwnerAgency)] = "other-voluntary-sector-organisation";
            values[F.Action(n, F.ActionPart.Measure)] = Long("Measure:", F.MaxShortText);
            values[F.Action(n, F.ActionPart.Due)] = "2026-09-28";
        }
        return values;
    }

    private static RecordContext Context() => new(Time.Day,
        [("organiser", "Organiser and chair (Police)"), .. Arranged().Invitees.Select((inv, i) => ($"i{i}", $"{InviteeRoleWords.Display(inv.Role)} ({inv.Email})"))], Agencies);

    private static MeetingRecord Recorded() => F.Read(RecordValues(), Context()).Record!;

    private static ActionProgress Progress(int n) => new(Recorded().Actions[n - 1], 1, "owner");

    public static IEnumerable<CardSample> All()
    {
        var booked = new Booking(Time, CalendarMode.Graph, BookingStatus.Booked, "event-id",
            "https://teams.microsoft.com/l/meetup-join/19%3ameeting_EXAMPLEMEETINGID0000000000000000000%40thread.v2/0?context=%7b%22Tid%22%3a%2200000000%22%7d");
        var file = new Booking(Time, CalendarMode.InvitationFile, BookingStatus.Booked, InvitationToken: "0123456789abcdef0123456789abcdef");
        var invitation = new Uri("https://sab-bot.azurewebsites.net/meetings/0123456789abcdef0123456789abcdef/invitation/0123456789abcdef0123456789abcdef.ics");
        JsonObject Page(FormPageInput page) => FormPageCard.Build(page).ToJson();
        var arrangeErrors = new List<FieldError> { new(ArrangementForm.OrganiserEmail, "Enter an email address like name@example.org"), new(ArrangementForm.LeadAgency, "Choose the lead agency.") };
        var people = new ReferralPeople("referrer@housing.example", "Pat Senior-Manager, Head of adult social care operations, Adult Social Care", "Lee Professional");
        var agencies = SampleAgencies();

        yield return new("meeting-decision-notice-arrange", "DecisionNoticeCard.Build", DecisionNoticeCard.Build("SAB-2026-0007", "Meeting required", "Chair's casting decision", "15 May 2026",
            "A senior management review meeting will be arranged: a coordinator records the lead agency.", null, null, CaseId).ToJson());
        yield return new("meeting-channel-card-booked", "MeetingCard.Build", MeetingCard.Build(new MeetingCardInput(CaseId, "SAB-2026-0007", "Meeting booked", "NHS community or acute trust", 10,
            Time.Words, "Teams meeting in the organiser's calendar; invitations sent")
        {
            Answers = "3 accepted, 1 tentative, 2 declined, 4 not yet", Actions = "10 (4 done, 3 overdue)", ReviewDate = "30 September 2026",
            Problem = CalendarSweep.ProblemWords(TeamsSafeguarding.Meetings.Calendar.CalendarRequestKind.Book,
                new TeamsSafeguarding.Meetings.Calendar.CalendarException(TeamsSafeguarding.Meetings.Calendar.CalendarFailure.Forbidden, 403, "ErrorAccessDenied", "x") { IsPolicyBlock = true }),
            Status = "Recorded on 11 March 2026; feedback sent.",
            JoinUrl = new Uri(booked.JoinUrl!), Buttons = MeetingCardButtons.Booked,
        }).ToJson());
        yield return new("meeting-channel-card-invitation-file", "MeetingCard.Build", MeetingCard.Build(new MeetingCardInput(CaseId, "SAB-2026-0007", "Meeting to be arranged", "Police", 3,
            null, "Calendar booking not set up: the time is recorded here") { InvitationUrl = invitation, Buttons = MeetingCardButtons.ChooseTime }).ToJson());
        yield return new("meeting-notice-overdue", "MeetingNoticeCard.Build", MeetingNoticeCard.Build(new MeetingNoticeInput(CaseId, "SAB-2026-0007", "action 10 is overdue",
            [new("Owner's agency", "Voluntary sector organisation"), new("Was due", "28 September 2026")])
        { Warning = true, Words = "The owner has not marked it done. The coordinators follow it up.", Button = ("Actions", MeetingVerbs.Actions) }).ToJson());
        yield return new("meeting-notice-calendar-refused", "MeetingNoticeCard.Build", MeetingNoticeCard.Build(new MeetingNoticeInput(CaseId, "SAB-2026-0007", "the calendar did not do what was asked",
            [new("Asked", "Find free times"), new("Answer", "403 ErrorAccessDenied")])
        {
            Warning = true, Button = ("Choose time", MeetingVerbs.ChooseTime),
            Words = CalendarSweep.ProblemWords(TeamsSafeguarding.Meetings.Calendar.CalendarRequestKind.FindTimes,
                new TeamsSafeguarding.Meetings.Calendar.CalendarException(TeamsSafeguarding.Meetings.Calendar.CalendarFailure.Forbidden, 403, "ErrorAccessDenied", "x")),
        }).ToJson());
        yield return new("meeting-arrange-1-errors", "FormPageCard.Build", Page(ArrangeViews.Page(CaseId, "SAB-2026-0007", ArrangementPage.LeadAndOrganiser,
            new Dictionary<string, string> { [ArrangementForm.OrganiserEmail] = "olive" }, agencies, people, true, arrangeErrors)));
        yield return new("meeting-arrange-2", "FormPageCard.Build", Page(ArrangeViews.Page(CaseId, "SAB-2026-0007", ArrangementPage.CaseInvitees,
            ArrangementForm.ValuesOf(Arranged()), agencies, people, true)));
        yield return new("meeting-arrange-3", "FormPageCard.Build", Page(ArrangeViews.Page(CaseId, "SAB-2026-0007", ArrangementPage.OtherInvitees,
            ArrangementForm.ValuesOf(Arranged()), agencies, people, false)));
        yield return new("meeting-times-found", "FormPageCard.Build", Page(BookingViews.Times(Record with { Stage = CaseStage.Arranging }, Meeting(), true, true, false,
            null, [new(BookingViews.SlotId, "That time has passed: look for free times again, or type another time.")])));
        yield return new("meeting-times-no-calendar", "FormPageCard.Build", Page(BookingViews.Times(Record with { Stage = CaseStage.Arranging }, Meeting() with { Times = null }, false, false, false,
            new Dictionary<string, string?> { [TypedMeetingTime.Date] = "2026-03-07" }, [new(TypedMeetingTime.Date, "That is not a working day (a weekend, a bank holiday or a closure day).")])));
        yield return new("meeting-booked-invitation-file", "FormPageCard.Build", Page(BookingViews.Booked(Record, Meeting(file), invitation)));
        yield return new("meeting-manage-most-invitees", "FormPageCard.Build", Page(BookingViews.Manage(Record, Meeting(booked), true, null,
            success: "Asking the calendar for the answers: the meeting card shows the counts in a moment; open Manage again to see each.")));
        yield return new("meeting-cancel-confirm", "FormPageCard.Build", Page(BookingViews.ConfirmCancel(Record, Meeting(booked))));
        yield return new("meeting-record-risk-longest", "FormPageCard.Build", Page(RecordViews.Page(Record, Context(), RecordValues(), RecordPage.Risk, 1)));
        yield return new("meeting-record-attendance-most", "FormPageCard.Build", Page(RecordViews.Page(Record, Context(), RecordValues(), RecordPage.Attendance, 1)));
        yield return new("meeting-record-monitoring", "FormPageCard.Build", Page(RecordViews.Page(Record, Context(), RecordValues(), RecordPage.Monitoring, 1,
            [new(F.ReviewDate, "The review date must be after the meeting."), new(F.FurtherReview, "Say whether a further senior review is needed.")])));
        yield return new("meeting-record-action-10-of-10", "FormPageCard.Build", Page(RecordViews.Page(Record, Context(), RecordValues(), RecordPage.Actions, F.MaxActions)));
        yield return new("meeting-record-check-errors", "FormPageCard.Build", Page(RecordViews.Check(Record, Context(), RecordValues(),
            [.. Enumerable.Range(1, 5).Select(p => new FieldError(p == 1 ? F.Attended : F.KeyPoints, "x")), new(F.Action(3, F.ActionPart.Due), "x")])));
        yield return new("meeting-record-view-longest", "FormPageCard.Build", Page(RecordViews.View(Record, Context(), Recorded(), 1, 4)));
        // A second meeting's record, mid-way: Next page, Previous page and the way back to meeting 1 (three buttons).
        yield return new("meeting-record-view-second-meeting", "FormPageCard.Build", Page(RecordViews.View(Record, Context(), Recorded(), 2, 4)));
        yield return new("meeting-record-view-action", "FormPageCard.Build", Page(RecordViews.View(Record, Context(), Recorded(), 1, 9)));
        yield return new("meeting-action-for-owner", "FormPageCard.Build", Page(FollowUpViews.ForOwner(Record, Progress(10), agencies, "reminder: action 10 is due on 28 September 2026")));
        yield return new("meeting-action-mark-done", "FormPageCard.Build", Page(FollowUpViews.MarkDone(Record, Progress(10), Long("Done:", 300), "This is 2001 characters long; please keep it to 2000.")));
        yield return new("meeting-actions-list-most", "FormPageCard.Build", Page(FollowUpViews.List(Record, new ActionsRow(CaseId, [.. Enumerable.Range(1, 10).Select(Progress),
            .. Enumerable.Range(1, 10).Select(n => Progress(n) with { Action = Progress(n).Action with { Number = n + 10 }, DoneAt = Now })], new DateOnly(2026, 9, 30)),
            agencies, new FollowUpSchedule(new WorkingDayCalendar(BankHolidayRegion.EnglandAndWales), ProcessProfile.Default), Now)));
        yield return new("meeting-review-form-errors", "FormPageCard.Build", Page(FollowUpViews.Review(Record with { Stage = CaseStage.ReviewDue }, new ActionsRow(CaseId, [Progress(1)]),
            new FollowUpSchedule(new WorkingDayCalendar(BankHolidayRegion.EnglandAndWales), ProcessProfile.Default), Now,
            new Dictionary<string, string?> { [PlanReviewForm.Outcome] = "KeepMonitoring" }, [new(PlanReviewForm.NextReview, "Choose the new review date.")])));
        var feedback = FollowUpViews.Feedback(Record, Meeting(booked), Recorded(), agencies);
        yield return new("meeting-feedback-first", "FormPageCard.Build", Page(feedback[0]));
        yield return new("meeting-feedback-actions", "FormPageCard.Build", Page(feedback[^1]));
    }

    private static TeamsSafeguarding.Meetings.MeetingAgencies SampleAgencies() => new(
        Microsoft.Extensions.Options.Options.Create(new TeamsSafeguarding.Board.BoardOptions { Partners = TeamsSafeguarding.Board.BoardOptions.DefaultPartners() }),
        Microsoft.Extensions.Options.Options.Create(new TeamsSafeguarding.Meetings.MeetingsOptions
        {
            OtherLeadAgencies = TeamsSafeguarding.Meetings.MeetingsOptions.DefaultOtherLeadAgencies(),
        }));
}
