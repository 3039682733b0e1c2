using System.Globalization;
using TeamsSafeguarding.Cards.Meetings;
using TeamsSafeguarding.Cases;
using TeamsSafeguarding.Escalation.Calendar;
using TeamsSafeguarding.Escalation.Cases;
using TeamsSafeguarding.Escalation.Meetings;
using TeamsSafeguarding.Escalation.Partners;
using TeamsSafeguarding.Escalation.Process;
using TeamsSafeguarding.Partners;
using TeamsSafeguarding.Routing;
using TeamsSafeguarding.Teams;

namespace TeamsSafeguarding.Meetings;

/// <summary>
/// Item 7's buttons: an action's owner marks it done with a note (a coordinator may, for an owner outside Teams); the
/// coordinators, the organiser and the chair see the actions; on the review date the coordinators decide: the plan is
/// working, close (or keep monitoring to a new date); not working, a further review meeting or back to the statutory
/// partners. Each is one case command, logged with who and when.
/// </summary>
public sealed class FollowUpFeature(CaseCommands commands, MeetingAccess access, MeetingAgencies agencies, MeetingChannel channel,
    FollowUpSchedule schedule, PartnersRound partners, ProcessProfile profile, ILogger<FollowUpFeature> log) : IBotFeature
{
    public const string NotFound = "We could not find this action.";
    public const int MaxNote = 2000;
    private static readonly string[] Reads = [MeetingRow.Row, ActionsRow.Row];

    public void Map(BotRoutes routes)
    {
        routes.Verb(MeetingVerbs.Actions, ListAsync);
        routes.Verb(MeetingVerbs.MarkDone, MarkDoneAsync);
        routes.Verb(MeetingVerbs.ActionDone, ActionDoneAsync);
        routes.Verb(MeetingVerbs.Review, ReviewAsync);
        routes.Verb(MeetingVerbs.ReviewSubmit, ReviewSubmitAsync);
    }

    private Task<InvokeResponse> ListAsync(CardAction action, CancellationToken ct) => Command(action, [], (file, meeting, actions, writes) =>
    {
        if (!access.MayRead(writes.Actor.Key, meeting)) return writes.Refuse("Meeting actions: not allowed", InvokeResponse.Message(MeetingAccess.NotReader));
        writes.Log(CaseActions.MeetingDetailsViewed, "Actions");
        return Card(FollowUpViews.List(file.Case, actions ?? new ActionsRow(file.CaseId, []), agencies, schedule, writes.Now));
    }, ct);

    private Task<InvokeResponse> MarkDoneAsync(CardAction action, CancellationToken ct) => OnAction(action, (file, meeting, actions, progress, writes) =>
    {
        writes.Log(CaseActions.MeetingDetailsViewed, $"Action {progress.Action.Number}");
        if (progress.IsDone) return Card(FollowUpViews.ForOwner(file.Case, progress, agencies, $"action {progress.Action.Number}"));
        return Card(FollowUpViews.MarkDone(file.Case, progress));
    }, ct);

    private Task<InvokeResponse> ActionDoneAsync(CardAction action, CancellationToken ct)
    {
        var note = action.GetString(FollowUpViews.NoteId)?.Trim();
        return OnAction(action, (file, meeting, actions, progress, writes) =>
        {
            if (progress.IsDone) return Card(FollowUpViews.ForOwner(file.Case, progress, agencies, $"action {progress.Action.Number}"));
            if (note is { Length: > MaxNote })
                return Card(FollowUpViews.MarkDone(file.Case, progress, note, $"This is {note.Length} characters long; please keep it to {MaxNote}."));
            var done = progress with { DoneAt = writes.Now, DoneBy = writes.Actor.Key, DoneNote = string.IsNullOrEmpty(note) ? null : note };
            actions = actions.With(done);
            var byOwner = string.Equals(done.OwnerKey, writes.Actor.Key, StringComparison.OrdinalIgnoreCase);
            // The quarterly measures count these lines by their detail: completed by the due date (London), or late.
            var onTime = Escalation.Calendar.LondonTime.DayOf(writes.Now) <= done.Action.Due;
            writes.Put(actions.ToEntity()).Log(CaseActions.ActionCompleted, onTime ? Escalation.Measures.QuarterlyMeasures.OnTime : "late");
            var shown = channel.Show(writes, file.Case, meeting, actions);
            if (shown != meeting) writes.Put(shown.ToEntity());
            log.LogInformation("Meeting action marked done ({By})", byOwner ? "owner" : "coordinator");
            return Card(FollowUpViews.ForOwner(file.Case, done, agencies, $"action {done.Action.Number}"));
        }, ct);
    }

    private Task<InvokeResponse> ReviewAsync(CardAction action, CancellationToken ct) => Command(action, [], (file, meeting, actions, writes) =>
    {
        if (!access.IsCoordinator(writes.Actor.Key)) return writes.Refuse("Plan review: not a coordinator", InvokeResponse.Message(MeetingAccess.NotCoordinator));
        if (file.Case.Stage != CaseStage.ReviewDue) return InvokeResponse.Message(NoReviewDue(file.Case));
        writes.Log(CaseActions.MeetingDetailsViewed, "Review");
        return Card(FollowUpViews.Review(file.Case, actions, schedule, writes.Now));
    }, ct);

    private Task<InvokeResponse> ReviewSubmitAsync(CardAction action, CancellationToken ct)
    {
        var typed = new Dictionary<string, string?>
        {
            [PlanReviewForm.Outcome] = action.GetString(PlanReviewForm.Outcome),
            [PlanReviewForm.NextReview] = action.GetString(PlanReviewForm.NextReview),
        };
        return Command(action, [PartnersRow.Row], (file, meeting, actions, writes) =>
        {
            if (!access.IsCoordinator(writes.Actor.Key)) return writes.Refuse("Plan review: not a coordinator", InvokeResponse.Message(MeetingAccess.NotCoordinator));
            var record = file.Case;
            if (record.Stage != CaseStage.ReviewDue) return InvokeResponse.Message(NoReviewDue(record));
            var (review, errors) = PlanReviewForm.Read(typed[PlanReviewForm.Outcome], typed[PlanReviewForm.NextReview], writes.Now);
            if (review is null) return Card(FollowUpViews.Review(record, actions, schedule, writes.Now, typed, errors));
            var change = record.PlanReviewed(review, profile.Stages, writes.Now, LondonTime.DayOf(writes.Now));
            if (change.IsRefused) return InvokeResponse.Message(change.Refusal!);
            writes.Apply(change);
            record = change.After;

            actions = (actions ?? new ActionsRow(record.CaseId, [])) with { ReviewDate = review.NextReview };
            writes.Put(actions.ToEntity());
            if (review.Outcome == PlanReviewOutcome.KeepMonitoring && schedule.NextDue(actions.Actions, review.NextReview, writes.Now) is { } next)
                writes.Schedule(FollowUpSweep.Kind, next);
            if (review.Outcome is PlanReviewOutcome.FurtherReview or PlanReviewOutcome.ReEscalate) meeting = meeting.NextCycle();
            if (review.Outcome == PlanReviewOutcome.ReEscalate) partners.Start(writes, record, notTriaged: false);
            var status = review.Outcome switch
            {
                PlanReviewOutcome.Close => $"Plan working: case closed on {DisplayDate.Of(writes.Now)}.",
                PlanReviewOutcome.KeepMonitoring => $"Plan working: monitoring goes on to {DisplayDate.Of(review.NextReview!.Value)}.",
                PlanReviewOutcome.FurtherReview => "Plan not working: a further review meeting is to be arranged (Choose time).",
                _ => "Plan not working: sent back to the statutory partners.",
            };
            meeting = channel.Show(writes, record, meeting, actions, status);
            writes.Put(meeting.ToEntity());
            log.LogInformation("Plan reviewed: {Outcome}", review.Outcome);
            return Card(new FormPageInput($"Referral {record.ReferenceOrId}: review recorded") { Success = status });
        }, ct);
    }

    private static string NoReviewDue(Case record) =>
        $"There is no review to record now (the case is \"{CaseStageWords.Display(record.Stage)}\").";

    /// <summary>A command on one action (the data's "action" number), for its owner or a coordinator.</summary>
    private Task<InvokeResponse> OnAction(CardAction action, Func<CaseFile, MeetingRow, ActionsRow, ActionProgress, CaseWrites, InvokeResponse> decide,
        CancellationToken ct)
    {
        var number = int.TryParse(action.GetString(MeetingVerbs.ActionKey), NumberStyles.None, CultureInfo.InvariantCulture, out var n) ? n : 0;
        return Command(action, [], (file, meeting, actions, writes) =>
        {
            if (actions?.Find(number) is not { } progress) return InvokeResponse.Message(NotFound);
            if (!access.MayMarkDone(writes.Actor.Key, progress.OwnerKey))
                return writes.Refuse($"Action {number}: not its owner", InvokeResponse.Message(MeetingAccess.NotOwner));
            return decide(file, meeting, actions, progress, writes);
        }, ct);
    }

    private Task<InvokeResponse> Command(CardAction action, string[] moreReads, Func<CaseFile, MeetingRow, ActionsRow?, CaseWrites, InvokeResponse> decide,
        CancellationToken ct) =>
        commands.RunAsync(action.GetString(MeetingVerbs.CaseIdKey), access.ActorFor(action.Actor.UserKey), [.. Reads, .. moreReads], (file, writes) =>
        {
            if (file.Row(MeetingRow.Row) is not { } entity || MeetingRow.FromEntity(file.CaseId, entity) is not { Arrangement: not null } meeting)
                return InvokeResponse.Message(NotFound);
            return decide(file, meeting, file.Row(ActionsRow.Row) is { } a ? ActionsRow.FromEntity(file.CaseId, a) : null, writes);
        }, () => InvokeResponse.Message(NotFound), ct);

    private static InvokeResponse Card(FormPageInput page) => InvokeResponse.Card(FormPageCard.Build(page).ToJson());
}
