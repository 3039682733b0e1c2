using Azure;
using Azure.Data.Tables;
using TeamsSafeguarding.Storage;

namespace TeamsSafeguarding.Cases;

/// <summary>Reads case files and starts transactions on them. Writes go through <see cref="PartitionTransaction"/>.</summary>
public sealed class CaseStore(TableClient table, Transactions transactions)
{
    public const string ReferencesPartition = "references";

    public static string NewCaseId() => Guid.NewGuid().ToString("N");

    public PartitionTransaction Begin(string caseId) => transactions.Begin(CaseRecord.PartitionOf(caseId));

    public async Task<CaseRecord?> GetAsync(string caseId, CancellationToken ct)
    {
        if (!IsCaseId(caseId)) return null;
        var row = await table.GetEntityIfExistsAsync<TableEntity>(CaseRecord.PartitionOf(caseId), CaseRecord.Row, cancellationToken: ct);
        return row.HasValue ? CaseRecord.FromEntity(row.Value!) : null;
    }

    /// <summary>Any other row of the case partition ("draft", "triage", "version|0001", …).</summary>
    public async Task<TableEntity?> GetRowAsync(string caseId, string rowKey, CancellationToken ct)
    {
        if (!IsCaseId(caseId)) return null;
        var row = await table.GetEntityIfExistsAsync<TableEntity>(CaseRecord.PartitionOf(caseId), rowKey, cancellationToken: ct);
        return row.HasValue ? row.Value : null;
    }

    public async Task<IReadOnlyList<TableEntity>> GetRowsAsync(string caseId, string rowKeyPrefix, CancellationToken ct)
    {
        var filter = TableClient.CreateQueryFilter(
            $"PartitionKey eq {CaseRecord.PartitionOf(caseId)} and RowKey ge {rowKeyPrefix} and RowKey lt {Keys.PrefixEnd(rowKeyPrefix)}");
        var rows = new List<TableEntity>();
        await foreach (var row in table.QueryAsync<TableEntity>(filter, cancellationToken: ct)) rows.Add(row);
        return rows;
    }

    public async Task<IReadOnlyList<CaseLogEntry>> GetLogAsync(string caseId, CancellationToken ct) =>
        (await GetRowsAsync(caseId, CaseLogEntry.Prefix, ct)).Select(CaseLogEntry.FromEntity).ToList();

    /// <summary>Every case a person referred (a scan: a board has hundreds of cases, not millions).</summary>
    public async Task<IReadOnlyList<CaseRecord>> ListByReferrerAsync(string referrerKey, CancellationToken ct)
    {
        var filter = TableClient.CreateQueryFilter($"RowKey eq {CaseRecord.Row} and ReferrerKey eq {referrerKey}");
        var cases = new List<CaseRecord>();
        await foreach (var row in table.QueryAsync<TableEntity>(filter, cancellationToken: ct)) cases.Add(CaseRecord.FromEntity(row));
        return cases.OrderByDescending(c => c.UpdatedAt).ToList();
    }

    /// <summary>All case heads in the given stages (for reminders, sweeps and lists).</summary>
    public async Task<IReadOnlyList<CaseRecord>> ListByStageAsync(IEnumerable<string> stages, CancellationToken ct)
    {
        var wanted = stages.ToHashSet(StringComparer.Ordinal);
        var cases = new List<CaseRecord>();
        await foreach (var row in table.QueryAsync<TableEntity>(e => e.RowKey == CaseRecord.Row, cancellationToken: ct))
        {
            var record = CaseRecord.FromEntity(row);
            if (wanted.Contains(record.Stage)) cases.Add(record);
        }
        return cases;
    }

    public async Task<string?> FindCaseIdAsync(string reference, CancellationToken ct)
    {
        var row = await table.GetEntityIfExistsAsync<TableEntity>(ReferencesPartition, Keys.Escape(reference.Trim().ToUpperInvariant()), cancellationToken: ct);
        return row.HasValue ? row.Value!.GetString("CaseId") : null;
    }

    /// <summary>
    /// The next sequence number for a year's references. A counter row updated with its ETag: two
    /// submissions at the same moment cannot get the same number (the loser re-reads and tries again),
    /// and the reference index row (insert-only) is a second guard.
    /// </summary>
    public async Task<int> NextSequenceAsync(int year, CancellationToken ct)
    {
        var rowKey = "counter|" + year;
        for (var attempt = 0; attempt < 50; attempt++)
        {
            var existing = await table.GetEntityIfExistsAsync<TableEntity>(ReferencesPartition, rowKey, cancellationToken: ct);
            try
            {
                if (!existing.HasValue)
                {
                    await table.AddEntityAsync(new TableEntity(ReferencesPartition, rowKey) { ["Last"] = 1 }, ct);
                    return 1;
                }
                var next = (existing.Value!.GetInt32("Last") ?? 0) + 1;
                existing.Value["Last"] = next;
                await table.UpdateEntityAsync(existing.Value, existing.Value.ETag, TableUpdateMode.Replace, ct);
                return next;
            }
            catch (RequestFailedException e) when (e.Status is 409 or 412)
            {
                await Task.Delay(Random.Shared.Next(5, 25) * (attempt + 1), ct);
            }
        }
        throw new InvalidOperationException("Could not allocate a case reference; please try again.");
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

    /// <summary>Case ids are ours (32 hex characters); anything else from a card is refused before touching storage.</summary>
    public static bool IsCaseId(string? caseId) =>
        caseId is { Length: 32 } && caseId.All(Uri.IsHexDigit);
}
