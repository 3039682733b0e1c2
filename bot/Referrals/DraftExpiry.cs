using Azure;
using Azure.Data.Tables;
using Microsoft.Extensions.Options;
using TeamsSafeguarding.Board;
using TeamsSafeguarding.Cases;
using TeamsSafeguarding.Conversations;
using TeamsSafeguarding.Escalation.Cases;
using TeamsSafeguarding.Outbox;
using TeamsSafeguarding.Operations;

namespace TeamsSafeguarding.Referrals;

/// <summary>
/// Drafts hold personal data, so unused ones do not linger: a draft untouched for DraftRetentionDays is deleted,
/// and its owner is warned once, at least DraftWarningDays before. Submitted cases are never touched here.
/// </summary>
public sealed class DraftExpiry(CaseStore cases, IOptions<BoardOptions> board, TimeProvider clock, ILogger<DraftExpiry> log) : BackgroundService
{
    public sealed record SweepResult(int Warned, int Deleted);

    public async Task<SweepResult> SweepOnceAsync(CancellationToken ct)
    {
        var now = clock.GetUtcNow();
        var retention = TimeSpan.FromDays(board.Value.DraftRetentionDays);
        var notice = TimeSpan.FromDays(board.Value.DraftWarningDays);
        var warnAt = retention - notice;
        int warned = 0, deleted = 0;
        foreach (var draft in await cases.ListByStageAsync([nameof(CaseStage.Draft)], ct))
        {
            var idle = now - draft.UpdatedAt;
            try
            {
                // Never deleted unwarned: if the sweep was not running, the owner still gets the full warning period.
                if (draft.ExpiryWarnedAt is { } warnedAt)
                {
                    if (idle >= retention && now - warnedAt >= notice)
                    {
                        await DeleteAsync(draft, now, ct);
                        deleted++;
                    }
                }
                else if (idle >= warnAt)
                {
                    var deleteOn = draft.UpdatedAt + retention > now + notice ? draft.UpdatedAt + retention : now + notice;
                    await WarnAsync(draft, now, deleteOn, ct);
                    warned++;
                }
            }
            catch (TableTransactionFailedException e) when (e.Status is 404 or 409 or 412)
            {
                // The owner saved (or discarded) it meanwhile: next sweep looks again.
            }
        }
        if (warned + deleted > 0) log.LogInformation("Draft sweep: {Warned} warned, {Deleted} deleted", warned, deleted);
        return new SweepResult(warned, deleted);
    }

    private async Task WarnAsync(CaseRecord draft, DateTimeOffset now, DateTimeOffset deleteOn, CancellationToken ct)
    {
        var tx = cases.Begin(draft.CaseId);
        tx.Replace((draft with { ExpiryWarnedAt = now }).ToEntity(), draft.ETag);
        var day = Escalation.Calendar.LondonTime.DayOf(deleteOn).ToString("d MMMM yyyy", System.Globalization.CultureInfo.GetCultureInfo("en-GB"));
        tx.Send(new OutboundMessage(DeliveryTarget.ToUser(draft.ReferrerKey), Replies.Text(
            $"You have a draft referral you have not changed for a while. It will be deleted on {day} unless you open it. Type \"my referrals\" to carry on or discard it.")));
        await tx.CommitAsync(ct);
    }

    private async Task DeleteAsync(CaseRecord draft, DateTimeOffset now, CancellationToken ct)
    {
        var tx = cases.Begin(draft.CaseId);
        tx.Delete(draft.ToEntity(), draft.ETag);
        if (await cases.GetRowAsync(draft.CaseId, DraftRow.Row, ct) is { } row) tx.Delete(row, row.ETag);
        tx.Add(new CaseLogEntry(now, "bot", "System", null, CaseActions.DraftExpired, null).ToEntity(draft.CaseId));
        await tx.CommitAsync(ct);
    }

    protected override Task ExecuteAsync(CancellationToken stoppingToken) =>
        PeriodicSweep.RunAsync(TimeSpan.FromHours(1), clock, runAtStart: false, SweepOnceAsync, log, "Sweeping old drafts", stoppingToken);
}
