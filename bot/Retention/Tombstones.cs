using Azure.Data.Tables;
using TeamsSafeguarding.Storage;

namespace TeamsSafeguarding.Retention;

/// <summary>What is left of a case deleted under retention: its reference, its dates and who held or released it.</summary>
public sealed record Tombstone(string CaseId, string Reference, DateTimeOffset? ReceivedAt, DateTimeOffset ClosedAt, DateTimeOffset DeletedAt,
    int RetentionYears, IReadOnlyList<HoldEvent> Holds);

/// <summary>
/// The board's own log (partition "boardlog"): a tombstone per case deleted under retention, row "deleted|{caseId}", so
/// writing it again (a sweep retried after a crash) changes nothing. Nothing personal: a reference, dates, and the keys
/// and roles of the board admins who held or released it.
/// </summary>
public sealed class Tombstones(TableClient table)
{
    public const string Partition = "boardlog";
    public const string Prefix = "deleted|";

    public Task WriteAsync(Tombstone t, CancellationToken ct) =>
        table.UpsertEntityAsync(new TableEntity(Partition, Prefix + t.CaseId)
        {
            ["Action"] = "Case deleted under retention",
            ["Reference"] = t.Reference,
            ["ReceivedAt"] = t.ReceivedAt,
            ["ClosedAt"] = t.ClosedAt,
            ["DeletedAt"] = t.DeletedAt,
            ["RetentionYears"] = t.RetentionYears,
            ["Holds"] = LegalHoldRow.HistoryJson(t.Holds),
        }, TableUpdateMode.Replace, ct);

    public async Task<bool> ExistsAsync(string caseId, CancellationToken ct) =>
        (await table.GetEntityIfExistsAsync<TableEntity>(Partition, Prefix + caseId, cancellationToken: ct)).HasValue;

    public async Task<IReadOnlyList<TableEntity>> ReadAllAsync(CancellationToken ct)
    {
        var filter = TableClient.CreateQueryFilter($"PartitionKey eq {Partition} and RowKey ge {Prefix} and RowKey lt {Keys.PrefixEnd(Prefix)}");
        var rows = new List<TableEntity>();
        await foreach (var row in table.QueryAsync<TableEntity>(filter, cancellationToken: ct)) rows.Add(row);
        return rows;
    }
}
