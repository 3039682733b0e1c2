using System.Globalization;
using Azure;
using Azure.Data.Tables;
using TeamsSafeguarding.Escalation.Triage;
using TeamsSafeguarding.Storage;

namespace TeamsSafeguarding.Board;

/// <summary>One change of the deputy board manager's recorded absence: recorded (with its period) or ended early.</summary>
public sealed record DeputyAbsenceChange(DateTimeOffset At, string By, string What);

/// <summary>
/// The deputy board manager's absence, board-wide, in partition "board": row "dbm-absence" holds the period in force
/// (absent when none is recorded), and each change adds row "dbm-absence|{UTC ISO time}" with who (a member key) and
/// what, so the board can see later who said the deputy was away, and when. Written under the row's ETag, so two
/// people recording at once leave one answer and both changes in the history.
/// </summary>
public sealed class DeputyAbsenceStore(TableClient table, Transactions transactions)
{
    public const string Row = "dbm-absence";
    public const string ChangePrefix = "dbm-absence|";
    private const int MaxAttempts = 5;

    public async Task<DeputyAbsence?> GetAsync(CancellationToken ct)
    {
        var row = await table.GetEntityIfExistsAsync<TableEntity>(BoardRolesStore.Partition, Row, cancellationToken: ct);
        return row.HasValue ? Read(row.Value!) : null;
    }

    /// <summary>Records <paramref name="absence"/>, or with null ends the one recorded, by <paramref name="by"/> at <paramref name="at"/>.</summary>
    public async Task SetAsync(DeputyAbsence? absence, string by, DateTimeOffset at, CancellationToken ct)
    {
        for (var attempt = 1; ; attempt++)
        {
            var current = await table.GetEntityIfExistsAsync<TableEntity>(BoardRolesStore.Partition, Row, cancellationToken: ct);
            var tx = transactions.Begin(BoardRolesStore.Partition);
            var next = new TableEntity(BoardRolesStore.Partition, Row) { ["Recorded"] = absence is not null };
            if (absence is not null)
            {
                next["From"] = absence.From.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
                next["To"] = absence.To.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
                next["RecordedAs"] = absence.RecordedAs.ToString();
                next["RecordedBy"] = absence.RecordedBy;
                next["RecordedAt"] = absence.RecordedAt;
            }
            if (current.HasValue) tx.Replace(next, current.Value!.ETag); else tx.Add(next);
            tx.Add(new TableEntity(BoardRolesStore.Partition, ChangePrefix + at.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fffffff'Z'", CultureInfo.InvariantCulture) + "-" + Guid.NewGuid().ToString("N")[..8])
            {
                ["At"] = at,
                ["By"] = by,
                ["What"] = absence is null ? "Absence ended" : $"Recorded: {absence.Words}",
            });
            try
            {
                await tx.CommitAsync(ct);
                return;
            }
            catch (TableTransactionFailedException e) when (e.Status is 409 or 412 && attempt < MaxAttempts)
            {
                // Someone else changed it meanwhile: theirs is in the history too; this one is written over it.
            }
        }
    }

    /// <summary>Every change, newest first (a board records absences a few times a year).</summary>
    public async Task<IReadOnlyList<DeputyAbsenceChange>> GetChangesAsync(CancellationToken ct)
    {
        var filter = TableClient.CreateQueryFilter(
            $"PartitionKey eq {BoardRolesStore.Partition} and RowKey ge {ChangePrefix} and RowKey lt {Keys.PrefixEnd(ChangePrefix)}");
        var changes = new List<DeputyAbsenceChange>();
        await foreach (var row in table.QueryAsync<TableEntity>(filter, cancellationToken: ct))
            changes.Add(new DeputyAbsenceChange(row.GetDateTimeOffset("At") ?? default, row.GetString("By") ?? "", row.GetString("What") ?? ""));
        return changes.OrderByDescending(c => c.At).ToList();
    }

    private static DeputyAbsence? Read(TableEntity row) =>
        row.GetBoolean("Recorded") == true
        && DateOnly.TryParse(row.GetString("From"), CultureInfo.InvariantCulture, out var from)
        && DateOnly.TryParse(row.GetString("To"), CultureInfo.InvariantCulture, out var to)
        && Enum.TryParse<AbsenceRecordedAs>(row.GetString("RecordedAs"), out var recordedAs)
            ? new DeputyAbsence(from, to, recordedAs, row.GetString("RecordedBy") ?? "", row.GetDateTimeOffset("RecordedAt") ?? default)
            : null;
}
