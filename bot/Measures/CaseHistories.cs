using Azure.Data.Tables;
using TeamsSafeguarding.Cases;
using TeamsSafeguarding.Escalation.Measures;
using TeamsSafeguarding.Register;
using TeamsSafeguarding.Storage;

namespace TeamsSafeguarding.Measures;

/// <summary>One case as read for the board's reports: its head, its other rows asked for, and its log in order.</summary>
public sealed record CaseHistory(Escalation.Cases.Case Case, IReadOnlyDictionary<string, TableEntity> Rows, IReadOnlyList<CaseLogEntry> Log)
{
    public MeasuredCase Measured => new(Case.ReferenceOrId, Case.ReferringAgency,
        (Case.RepeatKeys ?? "").Split(',', StringSplitOptions.RemoveEmptyEntries), [.. Log.Select(l => new LoggedStep(l.At, l.Action, l.Detail))]);
}

/// <summary>
/// Reads every case the register lists (open and closed) for the measures and the export: one query per case, of its
/// own partition (the head, the asked-for rows and the log together), a few at a time. A report reads every case by its
/// nature; it runs when a coordinator asks, never on a timer.
/// </summary>
public sealed class CaseHistories(RegisterIndex register, TableClient table)
{
    private const int AtOnce = 8;

    public async Task<IReadOnlyList<CaseHistory>> ReadAllAsync(IReadOnlyList<string> rowKeys, CancellationToken ct)
    {
        var entries = await register.ReadAsync(openOnly: false, ct);
        var histories = new List<CaseHistory>();
        using var gate = new SemaphoreSlim(AtOnce);
        var reads = entries.Select(async e =>
        {
            await gate.WaitAsync(ct);
            try { return await ReadAsync(e.CaseId, rowKeys, ct); }
            finally { gate.Release(); }
        });
        foreach (var history in await Task.WhenAll(reads)) if (history is not null) histories.Add(history);
        return histories.OrderBy(h => h.Case.ReceivedAt).ThenBy(h => h.Case.ReferenceOrId, StringComparer.Ordinal).ToList();
    }

    /// <summary>A case's head, the named rows and its log; null when the case is gone (a stale register entry) or unreadable.</summary>
    public async Task<CaseHistory?> ReadAsync(string caseId, IReadOnlyList<string> rowKeys, CancellationToken ct)
    {
        var keys = new HashSet<string>(rowKeys, StringComparer.Ordinal) { CaseRow.Row };
        TableEntity? head = null;
        var rows = new Dictionary<string, TableEntity>(StringComparer.Ordinal);
        var log = new List<CaseLogEntry>();
        // Only the rows asked for and the log: never the referral's versions, which hold the person's details.
        var wanted = string.Join(" or ", keys.Select(k => TableClient.CreateQueryFilter($"RowKey eq {k}"))
            .Append(TableClient.CreateQueryFilter($"(RowKey ge {CaseLogEntry.Prefix} and RowKey lt {Keys.PrefixEnd(CaseLogEntry.Prefix)})")));
        var filter = TableClient.CreateQueryFilter($"PartitionKey eq {CaseRow.PartitionOf(caseId)}") + $" and ({wanted})";
        await foreach (var row in table.QueryAsync<TableEntity>(filter, cancellationToken: ct))
        {
            if (row.RowKey.StartsWith(CaseLogEntry.Prefix, StringComparison.Ordinal)) log.Add(CaseLogEntry.FromEntity(row));
            else if (row.RowKey == CaseRow.Row) head = row;
            else if (keys.Contains(row.RowKey)) rows[row.RowKey] = row;
        }
        if (head is null) return null;
        try { return new CaseHistory(CaseRow.FromEntity(head), rows, log); }
        catch (InvalidDataException) { return null; }
    }
}
