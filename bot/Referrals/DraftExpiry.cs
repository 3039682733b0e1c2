using TeamsSafeguarding.Cases;
using TeamsSafeguarding.Conversations;
using TeamsSafeguarding.Escalation.Calendar;
using TeamsSafeguarding.Escalation.Cases;
using TeamsSafeguarding.Escalation.Process;
using TeamsSafeguarding.Outbox;
using TeamsSafeguarding.Operations;

namespace TeamsSafeguarding.Referrals;

/// <summary>
/// Drafts hold personal data, so unused ones do not linger: a draft untouched for DraftRetentionDays is deleted,
/// and its owner is warned once, at least DraftWarningDays before. Submitted cases are never touched here.
/// </summary>
public sealed class DraftExpiry(CaseCommands commands, CaseStore cases, ProcessProfile profile, TimeProvider clock, ILogger<DraftExpiry> log) : BackgroundService
{
    public sealed record SweepResult(int Warned, int Deleted, int Failed = 0);

    private enum Done { Nothing, Warned, Deleted }

    public async Task<SweepResult> SweepOnceAsync(CancellationToken ct)
    {
        int warned = 0, deleted = 0;
        var failed = await CaseSweep.RunAsync(cases, [CaseStage.Draft], async (candidate, token) =>
        {
            var done = await commands.RunAsync(candidate.CaseId, CaseActor.System, [DraftRow.Row], Visit, () => Done.Nothing, token);
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
        var idle = now - draft.UpdatedAt;
        // Never deleted unwarned: if the sweep was not running, the owner still gets the full warning period.
        if (draft.ExpiryWarnedAt is { } warnedAt)
        {
            if (idle < retention || now - warnedAt < notice) return Done.Nothing;
            writes.DeleteCase().Delete(DraftRow.Row).Log(new CaseLogLine(CaseActions.DraftExpired, null, CaseActor.System));
            return Done.Deleted;
        }
        if (idle < retention - notice) return Done.Nothing;
        var deleteOn = draft.UpdatedAt + retention > now + notice ? draft.UpdatedAt + retention : now + notice;
        var day = LondonTime.DayOf(deleteOn).ToString("d MMMM yyyy", System.Globalization.CultureInfo.GetCultureInfo("en-GB"));
        writes.Apply(draft.ExpiryWarned(now)).Send(new OutboundMessage(DeliveryTarget.ToUser(draft.ReferrerKey), Replies.Text(
            $"You have a draft referral you have not changed for a while. It will be deleted on {day} unless you open it. Type \"my referrals\" to carry on or discard it.")));
        return Done.Warned;
    }

    protected override Task ExecuteAsync(CancellationToken stoppingToken) =>
        PeriodicSweep.RunAsync(TimeSpan.FromHours(1), clock, runAtStart: false, SweepOnceAsync, log, "Sweeping old drafts", stoppingToken);
}
