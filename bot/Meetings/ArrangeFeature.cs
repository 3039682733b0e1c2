using System.Globalization;
using Microsoft.Extensions.Options;
using TeamsSafeguarding.Cards.Meetings;
using TeamsSafeguarding.Cases;
using TeamsSafeguarding.Conversations;
using TeamsSafeguarding.Escalation.Cases;
using TeamsSafeguarding.Escalation.Meetings;
using TeamsSafeguarding.Escalation.Process;
using TeamsSafeguarding.Meetings.Calendar;
using TeamsSafeguarding.Outbox;
using TeamsSafeguarding.Partners;
using TeamsSafeguarding.Referrals;
using TeamsSafeguarding.Routing;
using TeamsSafeguarding.Teams;

namespace TeamsSafeguarding.Meetings;

/// <summary>
/// Item 1: from the coordinators' decision notice (a meeting is required), a coordinator records the lead agency (and,
/// if it is not a statutory partner, which partner contacts it), the organiser who chairs, and the invitees, on three
/// short pages. Every Next saves the draft (like a referral draft); Save checks it all (errors next to their fields),
/// moves the case to "Meeting to be arranged", posts the meeting card in the channel, tells the organiser, and (with
/// Graph) asks the calendars for free times. Addresses stay in the answer to the coordinator and the case file.
/// </summary>
public sealed class ArrangeFeature(CaseCommands commands, CaseStore cases, MeetingAccess access, MeetingAgencies agencies, MeetingChannel channel, TeamRoster roster,
    CalendarSweep calendar, IOptions<GraphOptions> graph, ProcessProfile profile, ILogger<ArrangeFeature> log) : IBotFeature
{
    public const string NotFound = "We could not find this referral.";
    public const string NotNow = "The meeting can be arranged once the statutory partners have decided a meeting is required, and until it is booked. " +
        "To change who is invited to a booked meeting, cancel it first (Manage on the meeting card).";

    public void Map(BotRoutes routes)
    {
        routes.Verb(MeetingVerbs.Arrange, OpenAsync);
        routes.Verb(MeetingVerbs.ArrangeStep, StepAsync);
        routes.Verb(MeetingVerbs.ArrangeSave, SaveAsync);
    }

    private Task<InvokeResponse> OpenAsync(CardAction action, CancellationToken ct) => Command(action, (file, meeting, people, writes) =>
    {
        writes.Log(CaseActions.MeetingDetailsViewed, "Arrangements");
        return Page(file.Case, ArrangementPage.LeadAndOrganiser, Values(meeting, people), meeting, people);
    }, ct);

    /// <summary>The draft as saved; before any, the arrangement as made, or the representatives and the referral's people.</summary>
    private IReadOnlyDictionary<string, string> Values(MeetingRow meeting, ReferralPeople people) =>
        meeting.Draft.Count > 0 ? meeting.Draft
        : meeting.Arrangement is { } made ? ArrangementForm.ValuesOf(made)
        : ArrangeViews.Prefill(agencies, people);

    private Task<InvokeResponse> StepAsync(CardAction action, CancellationToken ct)
    {
        var page = PageOf(action);
        return Command(action, (file, meeting, people, writes) =>
        {
            var values = Merge(Values(meeting, people), action, page);
            writes.Put((meeting with { Draft = values }).ToEntity()).Log(CaseActions.MeetingDraftSaved, $"Arrangements step {(int)page}");
            if (action.GetString(MeetingVerbs.GoKey) == "back") return Page(file.Case, page - 1, values, meeting, people);
            var errors = ArrangementForm.Check(page, values, agencies.All);
            return errors.Count > 0 ? Page(file.Case, page, values, meeting, people, errors) : Page(file.Case, page + 1, values, meeting, people);
        }, ct);
    }

    private async Task<InvokeResponse> SaveAsync(CardAction action, CancellationToken ct)
    {
        // Who the organiser is in Teams (to reach them in their chat) is read before the command: a call to Teams, not a case change.
        var keys = await roster.KeysByEmailAsync(ct);
        var queued = false;
        var answer = await Command(action, (file, meeting, people, writes) =>
        {
            var values = Merge(Values(meeting, people), action, ArrangementPage.OtherInvitees);
            var (arrangement, errors) = ArrangementForm.Read(values, agencies.All);
            if (arrangement is null)
            {
                writes.Put((meeting with { Draft = values }).ToEntity()).Log(CaseActions.MeetingDraftSaved, "Arrangements step 3");
                var first = errors.Select(e => ArrangementForm.PageOf(e.Field)).Min();
                return Page(file.Case, first, values, meeting, people, [.. errors.Where(e => ArrangementForm.PageOf(e.Field) == first)]);
            }
            var record = file.Case;
            var change = record.Stage == CaseStage.MeetingRequired
                ? record.LeadAgencyRecorded(arrangement.Summary, profile.Stages, writes.Now)
                : record.ArrangementChanged(arrangement.Summary, writes.Now);
            if (change.IsRefused) return InvokeResponse.Message(change.Refusal!);
            writes.Apply(change);
            record = change.After;

            var organiserKey = keys.GetValueOrDefault(arrangement.Organiser.Email);
            var next = meeting with
            {
                Draft = values, Arrangement = arrangement, OrganiserKey = organiserKey, Times = null, CalendarProblem = null,
                Booking = meeting.Booking is { Status: BookingStatus.Cancelled } ? meeting.Booking : null,
            };
            var usesCalendar = channel.UsesCalendar(next);
            if (usesCalendar)
            {
                writes.Enqueue(CalendarRequestKind.FindTimes, next.BookingAttempt);
                queued = true;
            }
            next = channel.Show(writes, record, next, ActionsOf(file));
            writes.Put(next.ToEntity());
            RetireDecisionButton(writes, record, file);
            if (organiserKey is null) writes.Log(CaseActions.PeopleNotFound, "Organiser: not reached in Teams; the coordinators choose the time");
            if (organiserKey is not null)
                writes.Send(new OutboundMessage(DeliveryTarget.ToUser(organiserKey), Replies.Card(Cards.Meetings.MeetingNoticeCard.Build(
                    new MeetingNoticeInput(record.CaseId, record.ReferenceOrId, "you are organising the review meeting",
                        [new("Lead agency", arrangement.Lead.Name), new("Invitees", arrangement.Invitees.Count.ToString(CultureInfo.InvariantCulture))])
                    {
                        Words = usesCalendar
                            ? "The bot is looking for times when you and every statutory partner are free; you get them here to choose from."
                            : "Choose the meeting's time: calendar booking is not set up, so you share an invitation file with the invitees.",
                        Button = ("Choose time", MeetingVerbs.ChooseTime),
                    }).ToJson())));
            log.LogInformation("Review meeting arranged with {Invitees} invitees; calendar {UsesCalendar}", arrangement.Invitees.Count, usesCalendar);
            return usesCalendar
                ? InvokeResponse.Card(FormPageCard.Build(new FormPageInput($"Referral {record.ReferenceOrId}: arrangements saved")
                {
                    Success = "Saved. The bot is looking for times when the organiser and every statutory partner are free.",
                    Hints = ["The organiser gets the times in their chat; a coordinator can press Choose time on the meeting card."],
                    Facts = [new("Lead agency", arrangement.Lead.Name), new("Invitees", arrangement.Invitees.Count.ToString(CultureInfo.InvariantCulture))],
                }).ToJson())
                : InvokeResponse.Card(FormPageCard.Build(BookingViews.Times(record, next, usesCalendar: false, graph.Value.Enabled, lookingUp: false)).ToJson());
        }, ct);
        if (queued) calendar.Wake();
        return answer;
    }

    /// <summary>The decision notice's "Arrange the meeting" button goes once the meeting card has taken over.</summary>
    private static void RetireDecisionButton(CaseWrites writes, Case record, CaseFile file)
    {
        if (file.Row(PartnersRow.Row) is not { } entity) return;
        var partners = PartnersRow.FromEntity(entity);
        if (partners is not { Outcome: { } outcome, Method: { } method, DecidedAt: { } decidedAt }) return;
        writes.Send(new OutboundMessage(DeliveryTarget.UpdateOf(DecisionEffects.NoticeKey), Replies.Card(DecisionEffects.NoticeCard(record, outcome, method,
            decidedAt, forCoordinators: true, status: "Lead agency recorded: the meeting card below follows the meeting.").ToJson())));
    }

    private InvokeResponse Page(Case record, ArrangementPage page, IReadOnlyDictionary<string, string> values, MeetingRow meeting, ReferralPeople people,
        IReadOnlyList<FieldError>? errors = null) =>
        InvokeResponse.Card(FormPageCard.Build(ArrangeViews.Page(record.CaseId, record.ReferenceOrId,
            (ArrangementPage)Math.Clamp((int)page, 1, ArrangementForm.Pages), values, agencies, people, channel.UsesCalendar(meeting), errors)).ToJson());

    /// <summary>The draft with the page's inputs as typed (inputs of other pages are not on the card, so they keep their values).</summary>
    private static Dictionary<string, string> Merge(IReadOnlyDictionary<string, string> draft, CardAction action, ArrangementPage page)
    {
        var values = new Dictionary<string, string>(draft);
        foreach (var (key, node) in action.Data)
        {
            if (key is MeetingVerbs.CaseIdKey or MeetingVerbs.PageKey or MeetingVerbs.GoKey || !IsFormField(key) || ArrangementForm.PageOf(key) != page) continue;
            var value = node?.ToString()?.Trim() ?? "";
            if (value.Length == 0) values.Remove(key);
            else values[key] = value;
        }
        return values;
    }

    private static bool IsFormField(string key) => key.StartsWith("lead.", StringComparison.Ordinal) || key.StartsWith("organiser.", StringComparison.Ordinal)
        || key.StartsWith("invite.", StringComparison.Ordinal);

    private static ArrangementPage PageOf(CardAction action) =>
        int.TryParse(action.GetString(MeetingVerbs.PageKey), NumberStyles.None, CultureInfo.InvariantCulture, out var page) && page is >= 1 and <= ArrangementForm.Pages
            ? (ArrangementPage)page : ArrangementPage.LeadAndOrganiser;

    private static ActionsRow? ActionsOf(CaseFile file) => file.Row(ActionsRow.Row) is { } e ? ActionsRow.FromEntity(file.CaseId, e) : null;

    /// <summary>
    /// A case command for coordinators on a case whose meeting may be arranged, with its meeting row (new if none) and the
    /// people its latest submitted referral names (the version is known from the head, read first).
    /// </summary>
    private async Task<InvokeResponse> Command(CardAction action, Func<CaseFile, MeetingRow, ReferralPeople, CaseWrites, InvokeResponse> decide, CancellationToken ct)
    {
        var caseId = action.GetString(MeetingVerbs.CaseIdKey);
        var version = CaseStore.IsCaseId(caseId) && await cases.GetAsync(caseId!, ct) is { } head ? DraftRow.VersionRow(head.Version) : DraftRow.VersionRow(1);
        return await commands.RunAsync(caseId, access.ActorFor(action.Actor.UserKey), [MeetingRow.Row, ActionsRow.Row, PartnersRow.Row, version],
            (file, writes) =>
            {
                if (!access.IsCoordinator(writes.Actor.Key)) return writes.Refuse("Arrange meeting: not a coordinator", InvokeResponse.Message(MeetingAccess.NotCoordinator));
                if (file.Case.Stage is not (CaseStage.MeetingRequired or CaseStage.Arranging)) return InvokeResponse.Message(NotNow);
                var meeting = file.Row(MeetingRow.Row) is { } m ? MeetingRow.FromEntity(file.CaseId, m) : MeetingRow.Start(file.CaseId);
                var referral = file.Row(version) is { } v ? DraftRow.ReadDraft(v) : null;
                return decide(file, meeting, ReferralPeople.Of(referral), writes);
            }, () => InvokeResponse.Message(NotFound), ct);
    }
}
