using TeamsSafeguarding.Cases;
using TeamsSafeguarding.Conversations;
using TeamsSafeguarding.Escalation.Calendar;
using TeamsSafeguarding.Escalation.Cases;
using TeamsSafeguarding.Escalation.Process;
using TeamsSafeguarding.Outbox;
using TeamsSafeguarding.Operations;
using TeamsSafeguarding.Scheduling;

namespace TeamsSafeguarding.Referrals;

/// <summary>
/// Drafts hold personal data, so unused ones do not linger: a draft untouched for DraftRetentionDays is deleted,
/// and its owner is warned once, at least DraftWarningDays before. Submitted cases are never touched here. A draft is
/// visited only when its warning or deletion could be due (through the due index); a draft saved since is simply
/// scheduled again for its new date.
/// </summary>
public sealed class DraftExpiry(CaseCommands commands, DueWork due, ProcessProfile profile, TimeProvider clock, ILogger<DraftExpiry> log) : BackgroundService
{
    /// <summary>The sweep's kind in the due index.</summary>
    public const string Kind = "draft";

    public sealed record SweepResult(int Warned, int Deleted, int Failed = 0);

    private enum Done { Nothing, Warned, Deleted }

    /// <summary>When a draft last changed at <paramref name="updatedAt"/> should first be looked at: its warning day.</summary>
    public DateTimeOffset FirstVisit(DateTimeOffset updatedAt) =>
        updatedAt + TimeSpan.FromDays(profile.DraftRetentionDays - profile.DraftWarningDays);

    public async Task<SweepResult> SweepOnceAsync(CancellationToken ct)
    {
        int warned = 0, deleted = 0;
        var failed = await due.RunAsync(Kind, async (caseId, token) =>
        {
            var done = await commands.RunAsync(caseId, CaseActor.System, [DraftRow.Row], Visit, () => Done.Nothing, token);
            if (done == Done.Warned) warned++;
            if (done == Done.Deleted) deleted++;
        }, log, "Sweeping old drafts", ct);
        if (warned + deleted + failed > 0) log.LogInformation("Draft sweep: {Warned} warned, {Deleted} deleted, {Failed} failed", warned, deleted, failed);
        return new SweepResult(warned, deleted, failed);
    }

    private Done Visit(CaseFile file, CaseWrites writes)
    {
        var draft = file.Case;
        if (draft.Stage != CaseStage.Draft) return Done.Nothing;
        var now = writes.Now;
        var retention = TimeSpan.FromDays(profile.DraftRetentionDays);
        var notice = TimeSpan.FromDays(profile.DraftWarningDays);
        // Never deleted unwarned: if the sweep was not running, the owner still gets the full warning period.
        if (draft.ExpiryWarnedAt is { } warnedAt)
        {
            var deleteAt = Later(draft.UpdatedAt + retention, warnedAt + notice);
            if (now < deleteAt)
            {
                writes.Schedule(Kind, deleteAt);
                return Done.Nothing;
            }
            writes.DeleteCase().Delete(DraftRow.Row).Log(new CaseLogLine(CaseActions.DraftExpired, null, CaseActor.System));
            return Done.Deleted;
        }
        if (now < FirstVisit(draft.UpdatedAt))
        {
            writes.Schedule(Kind, FirstVisit(draft.UpdatedAt)); // saved since it was scheduled
            return Done.Nothing;
        }
        var deleteOn = Later(draft.UpdatedAt + retention, now + notice);
        var day = LondonTime.DayOf(deleteOn).ToString("d MMMM yyyy", System.Globalization.CultureInfo.GetCultureInfo("en-GB"));
        writes.Apply(draft.ExpiryWarned(now)).Schedule(Kind, deleteOn).Send(new OutboundMessage(DeliveryTarget.ToUser(draft.ReferrerKey), Replies.Text(
            $"You have a draft referral you have not changed for a while. It will be deleted on {day} unless you open it. Type \"my referrals\" to carry on or discard it.")));
        return Done.Warned;
    }

    private static DateTimeOffset Later(DateTimeOffset a, DateTimeOffset b) => a > b ? a : b;

    protected override Task ExecuteAsync(CancellationToken stoppingToken) =>
        PeriodicSweep.RunAsync(TimeSpan.FromHours(1), clock, runAtStart: false, SweepOnceAsync, log, "Sweeping old drafts", stoppingToken);
}
