using Azure;
using Azure.Data.Tables;
using TeamsSafeguarding.Escalation.Cases;
using TeamsSafeguarding.Storage;

namespace TeamsSafeguarding.Cases;

/// <summary>Reads case files and case references. Case changes go through <see cref="CaseCommands"/>.</summary>
public sealed class CaseStore(TableClient table)
{
    public const string ReferencesPartition = "references";

    public static string NewCaseId() => Guid.NewGuid().ToString("N");

    /// <summary>Case ids are ours (32 hex characters); anything else from a card is refused before touching storage.</summary>
    public static bool IsCaseId(string? caseId) => caseId is { Length: 32 } && caseId.All(Uri.IsHexDigit);

    public async Task<Case?> GetAsync(string caseId, CancellationToken ct) =>
        await GetRowAsync(caseId, CaseRow.Row, ct) is { } row ? CaseRow.FromEntity(row) : null;

    /// <summary>The head and the named rows, read at once (point reads in parallel); null if there is no such case.</summary>
    public async Task<CaseFile?> ReadAsync(string caseId, IReadOnlyList<string> rowKeys, CancellationToken ct)
    {
        var keys = rowKeys.Where(k => k != CaseRow.Row).Distinct(StringComparer.Ordinal).ToList();
        var head = GetRowAsync(caseId, CaseRow.Row, ct);
        var others = keys.Select(k => GetRowAsync(caseId, k, ct)).ToList();
        await Task.WhenAll([head, .. others]);
        if (head.Result is not { } headRow) return null;
        var rows = new Dictionary<string, TableEntity?>(StringComparer.Ordinal);
        for (var i = 0; i < keys.Count; i++) rows[keys[i]] = others[i].Result;
        return new CaseFile(CaseRow.FromEntity(headRow), headRow.ETag, rows);
    }

    /// <summary>Any row of the case partition ("draft", "triage", "version|0001", …).</summary>
    public async Task<TableEntity?> GetRowAsync(string caseId, string rowKey, CancellationToken ct)
    {
        if (!IsCaseId(caseId)) return null;
        return await FindAsync(CaseRow.PartitionOf(caseId), rowKey, ct);
    }

    public async Task<IReadOnlyList<TableEntity>> GetRowsAsync(string caseId, string rowKeyPrefix, CancellationToken ct)
    {
        var filter = TableClient.CreateQueryFilter(
            $"PartitionKey eq {CaseRow.PartitionOf(caseId)} and RowKey ge {rowKeyPrefix} and RowKey lt {Keys.PrefixEnd(rowKeyPrefix)}");
        var rows = new List<TableEntity>();
        await foreach (var row in table.QueryAsync<TableEntity>(filter, cancellationToken: ct)) rows.Add(row);
        return rows;
    }

    public async Task<IReadOnlyList<CaseLogEntry>> GetLogAsync(string caseId, CancellationToken ct) =>
        (await GetRowsAsync(caseId, CaseLogEntry.Prefix, ct)).Select(CaseLogEntry.FromEntity).ToList();

    /// <summary>Every case a person referred (a scan: a board has hundreds of cases, not millions).</summary>
    public async Task<IReadOnlyList<Case>> ListByReferrerAsync(string referrerKey, CancellationToken ct)
    {
        var filter = TableClient.CreateQueryFilter($"RowKey eq {CaseRow.Row} and ReferrerKey eq {referrerKey}");
        var cases = new List<Case>();
        await foreach (var row in table.QueryAsync<TableEntity>(filter, cancellationToken: ct))
            if (TryRead(row) is { } c) cases.Add(c);
        return cases.OrderByDescending(c => c.UpdatedAt).ToList();
    }

    public async Task<string?> FindCaseIdAsync(string reference, CancellationToken ct)
    {
        var row = await FindAsync(ReferencesPartition, Keys.Escape(reference.Trim().ToUpperInvariant()), ct);
        return row?.GetString("CaseId");
    }

    // This instance's submissions take numbers one at a time, from the counter as this instance last wrote it: taken at
    // once they only collide on its ETag and retry, each retry widening the window for the next (a burst of submits spent
    // most of its round trips and time there). Other instances are still kept apart by the ETag.
    private readonly SemaphoreSlim _counterGate = new(1, 1);
    private TableEntity? _counter;

    /// <summary>
    /// The next sequence number for a year's references. A counter row updated with its ETag: two
    /// submissions at the same moment cannot get the same number (the loser re-reads and tries again),
    /// and the reference index row (insert-only) is a second guard.
    /// </summary>
    public async Task<int> NextSequenceAsync(int year, CancellationToken ct)
    {
        var rowKey = "counter|" + year;
        await _counterGate.WaitAsync(ct);
        try
        {
            for (var attempt = 0; attempt < 50; attempt++)
            {
                var existing = _counter?.RowKey == rowKey ? _counter : await FindAsync(ReferencesPartition, rowKey, ct);
                _counter = null;
                try
                {
                    var next = (existing?.GetInt32("Last") ?? 0) + 1;
                    var row = new TableEntity(ReferencesPartition, rowKey) { ["Last"] = next };
                    var written = existing is null
                        ? await table.AddEntityAsync(row, ct)
                        : await table.UpdateEntityAsync(row, existing.ETag, TableUpdateMode.Replace, ct);
                    row.ETag = written.Headers.ETag ?? default;
                    _counter = row;
                    return next;
                }
                catch (RequestFailedException e) when (e.Status is 409 or 412)
                {
                    // Another instance took a number: read the counter again (at once the first time: only our copy was old).
                    if (attempt > 0) await Task.Delay(Random.Shared.Next(5, 25) * attempt, ct);
                }
            }
        }
        finally
        {
            _counterGate.Release();
        }
        throw new InvalidOperationException("Could not allocate a case reference; please try again.");
    }

    private async Task<TableEntity?> FindAsync(string partitionKey, string rowKey, CancellationToken ct)
    {
        var row = await table.GetEntityIfExistsAsync<TableEntity>(partitionKey, rowKey, cancellationToken: ct);
        return row.HasValue ? row.Value : null;
    }

    /// <summary>Claims the reference for the case; false if it is already taken.</summary>
    public async Task<bool> ClaimReferenceAsync(string reference, string caseId, CancellationToken ct)
    {
        try
        {
            await table.AddEntityAsync(new TableEntity(ReferencesPartition, Keys.Escape(reference.ToUpperInvariant())) { ["CaseId"] = caseId }, ct);
            return true;
        }
        catch (RequestFailedException e) when (e.Status == 409)
        {
            return false;
        }
    }

    /// <summary>A claimed reference that was not used after all (the sequence number is spent, a gap).</summary>
    public async Task ReleaseReferenceAsync(string reference, CancellationToken ct) =>
        await table.DeleteEntityAsync(ReferencesPartition, Keys.Escape(reference.ToUpperInvariant()), ETag.All, ct);

    private static Case? TryRead(TableEntity row)
    {
        try { return CaseRow.FromEntity(row); }
        catch (InvalidDataException) { return null; }
    }
}
