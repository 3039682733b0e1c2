using System.Globalization;
using TeamsSafeguarding.Cards.Meetings;
using TeamsSafeguarding.Cases;
using TeamsSafeguarding.Conversations;
using TeamsSafeguarding.Escalation.Calendar;
using TeamsSafeguarding.Escalation.Cases;
using TeamsSafeguarding.Escalation.Meetings;
using TeamsSafeguarding.Escalation.Partners;
using TeamsSafeguarding.Escalation.Process;
using TeamsSafeguarding.Outbox;
using TeamsSafeguarding.Routing;
using TeamsSafeguarding.Teams;
using F = TeamsSafeguarding.Escalation.Meetings.MeetingRecordForm;

namespace TeamsSafeguarding.Meetings;

/// <summary>
/// Item 6: after the meeting, the organiser (or a coordinator) records it on short pages: attendance, what is working
/// and not, the remaining risk and decisions, key points, monitoring and review, and the SMART actions, one a page. Every
/// Next saves the draft; errors show next to their fields; the last page checks it all. Recording moves the case on
/// (actions monitored to the review date, or a further review arranged), sends each action to its owner's chat (item 7),
/// the decisions and actions to the referrer and the lead professional, and schedules the reminders. The typed record stays
/// on the case file; the channel sees counts and dates; reading it back is logged.
/// </summary>
public sealed class RecordFeature(CaseCommands commands, MeetingAccess access, MeetingAgencies agencies, MeetingChannel channel, TeamRoster roster,
    FollowUpSchedule schedule, ProcessProfile profile, ILogger<RecordFeature> log) : IBotFeature
{
    public const string NotFound = "We could not find this referral's meeting.";
    public const string NoRecord = "This meeting has not been recorded yet.";

    private static readonly string[] Reads = [MeetingRow.Row, RecordRow.Row, ActionsRow.Row];

    public void Map(BotRoutes routes)
    {
        routes.Verb(MeetingVerbs.Record, OpenAsync);
        routes.Verb(MeetingVerbs.RecordStep, StepAsync);
        routes.Verb(MeetingVerbs.RecordSubmit, SubmitAsync);
        routes.Verb(MeetingVerbs.ViewRecord, ViewAsync);
    }

    private Task<InvokeResponse> OpenAsync(CardAction action, CancellationToken ct) => Command(action, access.MayRun, MeetingAccess.NotOrganiser, (file, meeting, writes) =>
    {
        var record = file.Case;
        if (record.Stage == CaseStage.MeetingBooked)
        {
            if (meeting.Booking is not { } booking || writes.Now < booking.Time.Start)
                return InvokeResponse.Message($"The meeting is on {meeting.Booking?.Time.Words ?? "a date not yet set"}. Record it once it has taken place.");
            var held = record.MeetingHeld(booking.Time.Day, profile.Stages, writes.Now);
            if (held.IsRefused) return InvokeResponse.Message(held.Refusal!);
            writes.Apply(held);
            record = held.After;
            var shown = channel.Show(writes, record, meeting, ActionsOf(file));
            if (shown != meeting) writes.Put(shown.ToEntity());
        }
        else if (record.Stage != CaseStage.MeetingHeld)
            return InvokeResponse.Message($"The record is written once the meeting has taken place (the case is \"{CaseStageWords.Display(record.Stage)}\").");
        var draft = Draft(file, meeting, writes);
        writes.Log(CaseActions.MeetingDetailsViewed, "Record (draft)");
        return Page(record, meeting, draft.Values, RecordPage.Attendance, 1);
    }, ct);

    private Task<InvokeResponse> StepAsync(CardAction action, CancellationToken ct)
    {
        var (page, number) = Position(action, MeetingVerbs.PageKey, MeetingVerbs.ActionKey);
        var go = action.GetString(MeetingVerbs.GoKey);
        return Command(action, access.MayRun, MeetingAccess.NotOrganiser, (file, meeting, writes) =>
        {
            if (file.Case.Stage != CaseStage.MeetingHeld) return InvokeResponse.Message(NotDrafting(file.Case));
            var draft = Draft(file, meeting, writes);
            var values = Merge(draft.Values, action, page, number);
            writes.Put((draft with { Values = values }).ToEntity()).Log(CaseActions.MeetingDraftSaved,
                $"Record step {(int)page}{(page == RecordPage.Actions ? $", action {number}" : "")}");
            var context = RecordViews.Context(meeting, agencies);
            var count = F.ActionCount(values);
            switch (go)
            {
                case "back":
                    return page switch
                    {
                        RecordPage.Actions when number > 1 => Page(file.Case, meeting, values, RecordPage.Actions, number - 1),
                        RecordPage.Check => Page(file.Case, meeting, values, RecordPage.Actions, count),
                        _ => Page(file.Case, meeting, values, (RecordPage)Math.Max(1, (int)page - 1), count),
                    };
                case "to":
                    var (toPage, toAction) = Position(action, RecordViews.ToPageKey, RecordViews.ToActionKey);
                    return Page(file.Case, meeting, values, toPage, toAction);
            }
            var errors = F.Check(page, page == RecordPage.Actions ? number : null, values, context)
                // "At least one action" is the check page's business, not a reason to stop on an empty first action.
                .Where(e => !(page == RecordPage.Actions && go != "add" && IsBlank(values, number))).ToList();
            if (errors.Count > 0) return Page(file.Case, meeting, values, page, number, errors);
            return (page, go) switch
            {
                (RecordPage.Actions, "add") => Page(file.Case, meeting, values, RecordPage.Actions, Math.Min(number + 1, F.MaxActions)),
                (RecordPage.Actions, _) when number < count => Page(file.Case, meeting, values, RecordPage.Actions, number + 1),
                (RecordPage.Actions, _) => Check(file.Case, meeting, values, context),
                (RecordPage.Monitoring, _) => Page(file.Case, meeting, values, RecordPage.Actions, 1),
                _ => Page(file.Case, meeting, values, page + 1, 1),
            };
        }, ct);
    }

    private async Task<InvokeResponse> SubmitAsync(CardAction action, CancellationToken ct)
    {
        // Who the owners and the lead professional are in Teams: read before the command (a call to Teams, not a case change).
        var keys = await roster.KeysByEmailAsync(ct);
        return await Command(action, access.MayRun, MeetingAccess.NotOrganiser, (file, meeting, writes) =>
        {
            var record = file.Case;
            if (record.Stage != CaseStage.MeetingHeld) return InvokeResponse.Message(NotDrafting(record));
            var draft = Draft(file, meeting, writes);
            var context = RecordViews.Context(meeting, agencies);
            var (recorded, errors) = F.Read(draft.Values, context);
            if (recorded is null) return Check(record, meeting, draft.Values, context, errors);

            var actions = ActionsOf(file) ?? new ActionsRow(record.CaseId, []);
            var first = actions.NextNumber;
            var numbered = recorded.Actions.Select((a, i) => a with { Number = first + i }).ToList();
            recorded = recorded with { Actions = numbered };
            var attended = recorded.Attended.Count;
            var summary = $"attended {attended} of {context.People.Count}; {recorded.NotEngaged.Count} statutory partner(s) did not engage; " +
                          $"{numbered.Count} SMART action(s); review {recorded.ReviewDate:yyyy-MM-dd}; further review: {(recorded.FurtherReview ? "yes" : "no")}";
            var change = record.MeetingRecorded(summary, recorded.FurtherReview, profile.Stages, writes.Now);
            if (change.IsRefused) return InvokeResponse.Message(change.Refusal!);
            writes.Apply(change);
            record = change.After;

            var added = numbered.Select(a => new ActionProgress(a, meeting.Cycle, keys.GetValueOrDefault(a.OwnerEmail))).ToList();
            actions = actions with { Actions = [.. actions.Actions, .. added], ReviewDate = recorded.FurtherReview ? actions.ReviewDate : recorded.ReviewDate };
            writes.Put(actions.ToEntity()).Put((draft with { Record = recorded, RecordedAt = writes.Now }).ToEntity());
            if (schedule.NextDue(actions.Actions, record.Stage == CaseStage.MonitoringActions ? actions.ReviewDate : null, writes.Now) is { } next)
                writes.Schedule(FollowUpSweep.Kind, next);

            foreach (var progress in added.Where(a => a.OwnerKey is not null))
                writes.Send(new OutboundMessage(DeliveryTarget.ToUser(progress.OwnerKey!), Replies.Card(FormPageCard.Build(
                    FollowUpViews.ForOwner(record, progress, agencies, $"action {progress.Action.Number} is yours")).ToJson())));
            var unreached = added.Where(a => a.OwnerKey is null).ToList();
            writes.Log(CaseActions.ActionsSent, $"{added.Count - unreached.Count} of {added.Count} sent to their owners in Teams");

            var feedback = FollowUpViews.Feedback(record, meeting, recorded, agencies);
            foreach (var page in feedback)
                writes.Send(new OutboundMessage(DeliveryTarget.ToUser(record.ReferrerKey), Replies.Card(FormPageCard.Build(page).ToJson())));
            writes.Log(CaseActions.FeedbackSent, $"Feedback date {LondonTime.DayOf(writes.Now):yyyy-MM-dd}");
            var lead = meeting.Arrangement!.Invitees.FirstOrDefault(i => i.Role == InviteeRole.LeadProfessional);
            var leadKey = lead is null ? null : keys.GetValueOrDefault(lead.Email);
            if (leadKey is not null)
            {
                foreach (var page in feedback)
                    writes.Send(new OutboundMessage(DeliveryTarget.ToUser(leadKey), Replies.Card(FormPageCard.Build(page).ToJson())));
                writes.Log(CaseActions.FeedbackToLeadProfessional, $"Feedback date {LondonTime.DayOf(writes.Now):yyyy-MM-dd}");
            }
            var notFound = unreached.Select(a => $"action {a.Action.Number} ({agencies.NameOf(a.Action.OwnerAgencyId)})").ToList();
            if (lead is not null && leadKey is null) notFound.Add("the lead professional (feedback)");
            if (lead is null) notFound.Add("no lead professional was invited (feedback)");
            if (notFound.Count > 0)
            {
                writes.Log(CaseActions.PeopleNotFound, string.Join("; ", notFound));
                channel.Notice(writes, new MeetingNoticeInput(record.CaseId, record.ReferenceOrId, "people to reach another way",
                    [new("Not reached in Teams", string.Join("; ", notFound))])
                {
                    Words = "They are not in the board's team, so the bot could not send them their part in Teams. Send it to them from the record " +
                            "(Record on the meeting card); the coordinators get their reminders meanwhile.",
                });
            }

            var nextMeeting = recorded.FurtherReview ? meeting.NextCycle() : meeting;
            nextMeeting = channel.Show(writes, record, nextMeeting, actions, $"Recorded on {DisplayDate.Of(writes.Now)}; feedback sent.");
            writes.Put(nextMeeting.ToEntity());
            log.LogInformation("Meeting recorded with {Actions} actions ({Unreached} owners not reached); further review {Further}",
                numbered.Count, unreached.Count, recorded.FurtherReview);
            return InvokeResponse.Card(FormPageCard.Build(new FormPageInput($"Referral {record.ReferenceOrId}: meeting recorded")
            {
                Success = recorded.FurtherReview
                    ? "Recorded. The feedback has been sent and a further review meeting is to be arranged from the meeting card."
                    : $"Recorded. The actions have gone to their owners and the feedback to the referrer; the review is on {DisplayDate.Of(recorded.ReviewDate)}.",
                Facts = [new("Attended", $"{attended} of {context.People.Count}"), new("Actions", numbered.Count.ToString(CultureInfo.InvariantCulture)),
                    new("Review date", DisplayDate.Of(recorded.ReviewDate))],
            }).ToJson());
        }, ct);
    }

    /// <summary>
    /// A record, read a page at a time: the latest meeting's, or an earlier one's (each further review is another meeting;
    /// its record is kept under its number when the next is started).
    /// </summary>
    private Task<InvokeResponse> ViewAsync(CardAction action, CancellationToken ct)
    {
        // The record's pages are its sections and actions, more than the form's steps: not clamped to the form.
        var page = NumberIn(action, MeetingVerbs.PageKey, int.MaxValue) ?? 1;
        var cycle = NumberIn(action, MeetingVerbs.CycleKey, RecordRow.MaxCycle);
        string[] reads = cycle is { } earlier ? [.. Reads, RecordRow.ArchiveRow(earlier)] : Reads;
        return Command(action, access.MayRead, MeetingAccess.NotReader, (file, meeting, writes) =>
        {
            var latest = file.Row(RecordRow.Row) is { } e ? RecordRow.FromEntity(file.CaseId, e) : null;
            var row = cycle is null || latest?.Cycle == cycle ? latest
                : file.Row(RecordRow.ArchiveRow(cycle.Value)) is { } archived ? RecordRow.FromEntity(file.CaseId, archived) : null;
            if (row is not { Record: { } recorded }) return InvokeResponse.Message(NoRecord);
            writes.Log(CaseActions.RecordViewed, $"Meeting {row.Cycle}, page {page}");
            return InvokeResponse.Card(FormPageCard.Build(RecordViews.View(file.Case, RecordViews.Context(meeting, agencies), recorded, row.Cycle, page)).ToJson());
        }, ct, reads);
    }

    /// <summary>The current cycle's record: a record of an earlier meeting is archived (kept, under its cycle) and a new one started.</summary>
    private static RecordRow Draft(CaseFile file, MeetingRow meeting, CaseWrites writes)
    {
        var existing = file.Row(RecordRow.Row) is { } e ? RecordRow.FromEntity(file.CaseId, e) : null;
        if (existing is not null && existing.Cycle == meeting.Cycle) return existing;
        if (existing is not null) writes.Put(existing.ToEntity(RecordRow.ArchiveRow(existing.Cycle)));
        return new RecordRow(file.CaseId, meeting.Cycle, new Dictionary<string, string>(), ETag: existing?.ETag ?? default);
    }

    private InvokeResponse Page(Case record, MeetingRow meeting, IReadOnlyDictionary<string, string> values, RecordPage page, int action,
        IReadOnlyList<FieldError>? errors = null) =>
        page == RecordPage.Check
            ? Check(record, meeting, values, RecordViews.Context(meeting, agencies))
            : InvokeResponse.Card(FormPageCard.Build(RecordViews.Page(record, RecordViews.Context(meeting, agencies), values, page,
                Math.Clamp(action, 1, F.MaxActions), errors)).ToJson());

    private static InvokeResponse Check(Case record, MeetingRow meeting, IReadOnlyDictionary<string, string> values, RecordContext context,
        IReadOnlyList<FieldError>? errors = null) =>
        InvokeResponse.Card(FormPageCard.Build(RecordViews.Check(record, context, values, errors ?? F.Read(values, context).Errors)).ToJson());

    /// <summary>The draft with this page's inputs as typed (a box left unticked or emptied removes the answer).</summary>
    private static Dictionary<string, string> Merge(IReadOnlyDictionary<string, string> draft, CardAction action, RecordPage page, int number)
    {
        var values = new Dictionary<string, string>(draft);
        foreach (var (key, node) in action.Data)
        {
            if (!(key.StartsWith("record.", StringComparison.Ordinal) || key.StartsWith("action", StringComparison.Ordinal)) || key == MeetingVerbs.ActionKey) continue;
            if (F.PageOf(key) != page || (page == RecordPage.Actions && F.ActionOf(key) != number)) continue;
            var value = node?.ToString()?.Trim() ?? "";
            if (value.Length == 0) values.Remove(key);
            else values[key] = value;
        }
        return values;
    }

    private static bool IsBlank(IReadOnlyDictionary<string, string> values, int number) =>
        F.ActionPart.All.All(p => string.IsNullOrWhiteSpace(values.GetValueOrDefault(F.Action(number, p))));

    private static (RecordPage Page, int Action) Position(CardAction action, string pageKey, string actionKey) =>
        ((RecordPage)(NumberIn(action, pageKey, F.Pages) ?? 1), NumberIn(action, actionKey, F.MaxActions) ?? 1);

    /// <summary>A whole number from the card's data, from 1 to <paramref name="max"/>; null if missing or anything else.</summary>
    private static int? NumberIn(CardAction action, string key, int max) =>
        int.TryParse(action.GetString(key), NumberStyles.None, CultureInfo.InvariantCulture, out var n) && n >= 1 && n <= max ? n : null;

    private static string NotDrafting(Case record) => record.Stage == CaseStage.MeetingBooked
        ? "Press Record on the meeting card to start the record."
        : $"This meeting's record is closed (the case is \"{CaseStageWords.Display(record.Stage)}\"). Use Record on the meeting card to read it.";

    private static ActionsRow? ActionsOf(CaseFile file) => file.Row(ActionsRow.Row) is { } e ? ActionsRow.FromEntity(file.CaseId, e) : null;

    private Task<InvokeResponse> Command(CardAction action, Func<string, MeetingRow, bool> allowed, string refusal,
        Func<CaseFile, MeetingRow, CaseWrites, InvokeResponse> decide, CancellationToken ct, string[]? reads = null) =>
        commands.RunAsync(action.GetString(MeetingVerbs.CaseIdKey), access.ActorFor(action.Actor.UserKey), reads ?? Reads, (file, writes) =>
        {
            if (file.Row(MeetingRow.Row) is not { } entity || MeetingRow.FromEntity(file.CaseId, entity) is not { Arrangement: not null } meeting)
                return InvokeResponse.Message(NotFound);
            if (!allowed(writes.Actor.Key, meeting)) return writes.Refuse($"{action.Verb}: not allowed", InvokeResponse.Message(refusal));
            return decide(file, meeting, writes);
        }, () => InvokeResponse.Message(NotFound), ct);
}
