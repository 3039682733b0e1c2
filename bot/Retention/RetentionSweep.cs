using Azure;
using Azure.Data.Tables;
using TeamsSafeguarding.Cases;
using TeamsSafeguarding.Escalation.Cases;
using TeamsSafeguarding.Escalation.Process;
using TeamsSafeguarding.Operations;
using TeamsSafeguarding.Register;
using TeamsSafeguarding.Scheduling;
using TeamsSafeguarding.Storage;

namespace TeamsSafeguarding.Retention;

/// <summary>
/// Deletes closed cases once their retention period is over (domain.md section 6: Table Storage has no TTL, so the bot
/// sweeps), unless a legal hold is on them. A case is visited only when its deletion falls due (<see cref="RetentionClock"/>,
/// through the due index). The visit is a case command that re-reads the case and its hold and, if the case is to go,
/// marks it as going in the same transaction (so a hold set at that moment wins or waits, never half-applies). Then the
/// tombstone goes in the board's log, and every row of the case is deleted, with its reference and register entry.
/// Every step can be done twice: two instances, or a retry after a crash, end with one tombstone and nothing left.
/// </summary>
public sealed class RetentionSweep(CaseCommands commands, DueWork due, TableClient table, Tombstones tombstones, RegisterIndex register,
    ProcessProfile profile, TimeProvider clock, ILogger<RetentionSweep> log) : BackgroundService
{
    public sealed record SweepResult(int Deleted, int Failed = 0);

    private abstract record Visit;
    private sealed record Keep : Visit;
    private sealed record Gone : Visit;
    private sealed record Delete(Tombstone Tombstone) : Visit;

    public async Task<SweepResult> SweepOnceAsync(CancellationToken ct)
    {
        var deleted = 0;
        var failed = await due.RunAsync(RetentionClock.Kind, async (caseId, token) =>
        {
            var visit = await commands.RunAsync<Visit>(caseId, CaseActor.System, [LegalHoldRow.Row], Decide, () => new Gone(), token);
            if (visit is Delete d)
            {
                await DeleteAsync(d.Tombstone, token);
                deleted++;
            }
            // Left over by a deletion that stopped part-way: the tombstone was written first, so finish it.
            else if (visit is Gone && CaseStore.IsCaseId(caseId) && await tombstones.ExistsAsync(caseId, token))
                await DeleteRowsAsync(caseId, token);
        }, log, "The retention sweep", ct);
        if (deleted + failed > 0) log.LogInformation("Retention sweep: {Deleted} case(s) deleted, {Failed} failed", deleted, failed);
        return new SweepResult(deleted, failed);
    }

    private Visit Decide(CaseFile file, CaseWrites writes)
    {
        var record = file.Case;
        var hold = LegalHoldRow.FromEntity(file.Row(LegalHoldRow.Row)) ?? LegalHoldRow.None(record.CaseId);
        // Not closed (never expected), or held: nothing to do. Releasing a hold schedules the next visit.
        if (record is not { Stage: CaseStage.Closed, ClosedAt: { } closedAt } || hold.IsHeld) return new Keep();
        if (!hold.Deleting)
        {
            var at = profile.RetainUntil(closedAt);
            if (writes.Now < at)
            {
                writes.Schedule(RetentionClock.Kind, at);
                return new Keep();
            }
            writes.Put((hold with { Deleting = true }).ToEntity());
        }
        return new Delete(new Tombstone(record.CaseId, record.ReferenceOrId, record.ReceivedAt, closedAt, writes.Now,
            profile.ClosedCaseRetentionYears, hold.History));
    }

    private async Task DeleteAsync(Tombstone tombstone, CancellationToken ct)
    {
        await tombstones.WriteAsync(tombstone, ct);
        await DeleteRowsAsync(tombstone.CaseId, ct);
        try { await table.DeleteEntityAsync(CaseStore.ReferencesPartition, Keys.Escape(tombstone.Reference.ToUpperInvariant()), ETag.All, ct); }
        catch (RequestFailedException e) when (e.Status == 404) { }
        await register.RemoveAsync(tombstone.CaseId, ct);
        log.LogInformation("Case {CaseId} deleted under retention", tombstone.CaseId);
    }

    /// <summary>Every row of the case's partition, a hundred at a time, the head last (until then the case still answers).</summary>
    private async Task DeleteRowsAsync(string caseId, CancellationToken ct)
    {
        var rows = new List<TableEntity>();
        await foreach (var row in table.QueryAsync<TableEntity>(TableClient.CreateQueryFilter($"PartitionKey eq {CaseRow.PartitionOf(caseId)}"),
                           select: ["PartitionKey", "RowKey"], cancellationToken: ct))
            rows.Add(row);
        var ordered = rows.Where(r => r.RowKey != CaseRow.Row).Concat(rows.Where(r => r.RowKey == CaseRow.Row)).ToList();
        foreach (var batch in ordered.Chunk(100))
        {
            try
            {
                await table.SubmitTransactionAsync(batch.Select(r => new TableTransactionAction(TableTransactionActionType.Delete, r, ETag.All)), ct);
            }
            catch (TableTransactionFailedException e) when (e.Status == 404)
            {
                // Another instance is deleting the same rows: go one by one, minding only what is still there.
                foreach (var row in batch)
                {
                    try { await table.DeleteEntityAsync(row.PartitionKey, row.RowKey, ETag.All, ct); }
                    catch (RequestFailedException gone) when (gone.Status == 404) { }
                }
            }
        }
    }

    protected override Task ExecuteAsync(CancellationToken stoppingToken) =>
        PeriodicSweep.RunAsync(TimeSpan.FromHours(1), clock, runAtStart: false, SweepOnceAsync, log, "The retention sweep", stoppingToken);
}
