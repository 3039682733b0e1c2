using System.Globalization;
using TeamsSafeguarding.Cards.Meetings;
using TeamsSafeguarding.Cases;
using TeamsSafeguarding.Conversations;
using TeamsSafeguarding.Escalation.Cases;
using TeamsSafeguarding.Escalation.Meetings;
using TeamsSafeguarding.Escalation.Partners;
using TeamsSafeguarding.Escalation.Process;
using TeamsSafeguarding.Operations;
using TeamsSafeguarding.Outbox;
using TeamsSafeguarding.Scheduling;

namespace TeamsSafeguarding.Meetings;

/// <summary>
/// Item 7's clock: before an action is due its owner is reminded in their chat; once it is overdue the coordinators are
/// told in their channel (and the owner in their chat); on the review date the case moves to "Review due" and the
/// coordinators are asked whether the plan is working. Each once (recorded on the case), each at the board's follow-up
/// time, each visit one case command scheduled through the due index, so a pass costs what is due.
/// </summary>
public sealed class FollowUpSweep(CaseCommands commands, DueWork due, MeetingChannel channel, MeetingAgencies agencies, FollowUpSchedule schedule,
    ProcessProfile profile, TimeProvider clock, ILogger<FollowUpSweep> log) : BackgroundService
{
    /// <summary>The sweep's kind in the due index.</summary>
    public const string Kind = "meeting-followup";
    public static readonly TimeSpan Interval = TimeSpan.FromMinutes(1);
    private static readonly string[] Reads = [MeetingRow.Row, ActionsRow.Row];

    public sealed record SweepResult(int Reminders, int Overdue, int Reviews, int Failed = 0);

    public async Task<SweepResult> SweepOnceAsync(CancellationToken ct)
    {
        int reminders = 0, overdue = 0, reviews = 0;
        var failed = await due.RunAsync(Kind, async (caseId, token) =>
        {
            var done = await commands.RunAsync(caseId, CaseActor.System, Reads, Visit, () => new SweepResult(0, 0, 0), token);
            reminders += done.Reminders;
            overdue += done.Overdue;
            reviews += done.Reviews;
        }, log, "The meeting follow-up sweep", ct);
        if (reminders + overdue + reviews + failed > 0)
            log.LogInformation("Meeting follow-up: {Reminders} reminders, {Overdue} overdue, {Reviews} reviews due, {Failed} failed", reminders, overdue, reviews, failed);
        return new SweepResult(reminders, overdue, reviews, failed);
    }

    private SweepResult Visit(CaseFile file, CaseWrites writes)
    {
        if (file.Row(ActionsRow.Row) is not { } entity || file.Row(MeetingRow.Row) is not { } meetingEntity) return new(0, 0, 0);
        var record = file.Case;
        if (record.Stage == CaseStage.Closed) return new(0, 0, 0);
        var actions = ActionsRow.FromEntity(record.CaseId, entity);
        var meeting = MeetingRow.FromEntity(record.CaseId, meetingEntity);
        var now = writes.Now;
        int reminded = 0, flagged = 0, reviewed = 0;

        foreach (var progress in actions.Actions.ToList())
        {
            if (schedule.ReminderDue(progress, now))
            {
                var sent = progress with { RemindedAt = now };
                actions = actions.With(sent);
                SendToOwner(writes, record, sent, $"reminder: action {sent.Action.Number} is due on {DisplayDate.Of(sent.Action.Due)}");
                writes.Log(new CaseLogLine(CaseActions.ActionReminderSent, $"Action {sent.Action.Number} due {sent.Action.Due:yyyy-MM-dd}; " +
                    (sent.OwnerKey is null ? "owner not in Teams: coordinators" : "owner"), CaseActor.System));
                reminded++;
            }
            else if (schedule.OverdueFlagDue(progress, now))
            {
                var late = progress with { OverdueFlaggedAt = now };
                actions = actions.With(late);
                if (late.OwnerKey is not null)
                    SendToOwner(writes, record, late, $"action {late.Action.Number} is overdue", "This action was due on " + DisplayDate.Of(late.Action.Due) + ".");
                channel.Notice(writes, new MeetingNoticeInput(record.CaseId, record.ReferenceOrId, $"action {late.Action.Number} is overdue",
                    [new("Owner's agency", agencies.NameOf(late.Action.OwnerAgencyId)), new("Was due", DisplayDate.Of(late.Action.Due))])
                {
                    Warning = true,
                    Words = "The owner has not marked it done. The coordinators follow it up.",
                    Button = ("Actions", MeetingVerbs.Actions),
                });
                writes.Log(new CaseLogLine(CaseActions.ActionOverdue, $"Action {late.Action.Number} due {late.Action.Due:yyyy-MM-dd}; coordinators told", CaseActor.System));
                flagged++;
            }
        }

        if (record.Stage == CaseStage.MonitoringActions && actions.ReviewDate is { } review && now >= schedule.ReviewAt(review))
        {
            var reached = record.ReviewDateReached(review, profile.Stages, now);
            if (!reached.IsRefused)
            {
                writes.Apply(reached);
                record = reached.After;
                actions = actions with { ReviewDate = null };
                channel.Notice(writes, new MeetingNoticeInput(record.CaseId, record.ReferenceOrId, "the review date has come",
                [
                    new("Review date", DisplayDate.Of(review)),
                    new("Actions done", $"{actions.Actions.Count(a => a.IsDone)} of {actions.Actions.Count}"),
                    new("Overdue", actions.Actions.Count(a => !a.IsDone && schedule.IsOverdue(a.Action, now)).ToString(CultureInfo.InvariantCulture)),
                ])
                {
                    Words = "Is the plan working? Close the case or keep monitoring; if not, arrange a further review or re-escalate to the statutory partners.",
                    Button = ("Record the review", MeetingVerbs.Review),
                });
                reviewed++;
            }
        }

        if (reminded + flagged + reviewed > 0)
        {
            writes.Put(actions.ToEntity());
            var shown = channel.Show(writes, record, meeting, actions);
            if (shown != meeting) writes.Put(shown.ToEntity());
        }
        if (schedule.NextDue(actions.Actions, record.Stage == CaseStage.MonitoringActions ? actions.ReviewDate : null, now) is { } next)
            writes.Schedule(Kind, next);
        return new SweepResult(reminded, flagged, reviewed);
    }

    /// <summary>To the owner's chat; an owner not found in Teams is followed up by the coordinators instead (no typed text in the channel).</summary>
    private void SendToOwner(CaseWrites writes, Case record, ActionProgress progress, string heading, string? warning = null)
    {
        if (progress.OwnerKey is { } owner)
            writes.Send(new OutboundMessage(DeliveryTarget.ToUser(owner), Replies.Card(FormPageCard.Build(
                FollowUpViews.ForOwner(record, progress, agencies, heading, warning)).ToJson())));
        else
            channel.Notice(writes, new MeetingNoticeInput(record.CaseId, record.ReferenceOrId, heading,
                [new("Owner's agency", agencies.NameOf(progress.Action.OwnerAgencyId)), new("Due by", DisplayDate.Of(progress.Action.Due))])
            {
                Words = "Its owner is not in the board's team, so the bot cannot remind them: please do.",
                Button = ("Actions", MeetingVerbs.Actions),
            });
    }

    protected override Task ExecuteAsync(CancellationToken stoppingToken) =>
        PeriodicSweep.RunAsync(Interval, clock, runAtStart: true, SweepOnceAsync, log, "The meeting follow-up sweep", stoppingToken);
}
