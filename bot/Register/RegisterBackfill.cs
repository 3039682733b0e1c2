using Azure;
using Azure.Data.Tables;
using TeamsSafeguarding.Cases;
using TeamsSafeguarding.Escalation.Calendar;
using TeamsSafeguarding.Escalation.Process;
using TeamsSafeguarding.Escalation.Register;

namespace TeamsSafeguarding.Register;

/// <summary>
/// Cases submitted before the register existed have no entry until they next change, so the first start of a version
/// with the register builds it once from the case heads (one scan, then a row "register"/"built" so no later start
/// scans again). Two instances starting together may both build it; the entries they write are the same.
/// </summary>
public sealed class RegisterBackfill(TableClient table, ProcessProfile profile, WorkingDayCalendar calendar, TimeProvider clock,
    ILogger<RegisterBackfill> log) : BackgroundService
{
    public const string MarkerRow = "built"; // in the register's own partition; not an entry (no stage), so readers skip it

    public async Task<int> BuildOnceAsync(CancellationToken ct)
    {
        if ((await table.GetEntityIfExistsAsync<TableEntity>(RegisterIndex.Partition, MarkerRow, cancellationToken: ct)).HasValue) return 0;
        var built = 0;
        var filter = TableClient.CreateQueryFilter($"RowKey eq {CaseRow.Row}");
        await foreach (var row in table.QueryAsync<TableEntity>(filter, cancellationToken: ct))
        {
            Escalation.Cases.Case head;
            try { head = CaseRow.FromEntity(row); }
            catch (InvalidDataException) { continue; }
            if (RegisterEntry.Of(head, profile, calendar) is not { } entry) continue;
            await table.UpsertEntityAsync(RegisterIndex.ToEntity(entry), TableUpdateMode.Replace, ct);
            built++;
        }
        try { await table.AddEntityAsync(new TableEntity(RegisterIndex.Partition, MarkerRow) { ["BuiltAt"] = clock.GetUtcNow(), ["Entries"] = built }, ct); }
        catch (RequestFailedException e) when (e.Status == 409) { }
        log.LogInformation("The case register was built from {Count} case(s)", built);
        return built;
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        try { await BuildOnceAsync(stoppingToken); }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            // Tried again at the next start; meanwhile every case that changes gets its entry anyway.
            log.LogWarning("Building the case register failed with {ExceptionType}", e.GetType().Name);
        }
    }
}
