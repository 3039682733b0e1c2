using Azure;
using Azure.Data.Tables;
using TeamsSafeguarding.Escalation.Cases;

namespace TeamsSafeguarding.Cases;

/// <summary>
/// What a command read of one case, all at one moment: the head and the other rows it asked for, each with the ETag
/// it had, so the commit fails (and the command runs again on fresh rows) if anything read was changed meanwhile.
/// </summary>
public sealed class CaseFile
{
    private readonly IReadOnlyDictionary<string, TableEntity?> _rows;
    // The rows as storage gave them: within a group, _rows hold what earlier commands wrote, but a write must still find
    // the ETags read.
    private readonly IReadOnlyDictionary<string, TableEntity?> _asRead;

    public CaseFile(Case @case, ETag etag, IReadOnlyDictionary<string, TableEntity?> rows) : this(@case, etag, rows, rows)
    {
    }

    private CaseFile(Case @case, ETag etag, IReadOnlyDictionary<string, TableEntity?> rows, IReadOnlyDictionary<string, TableEntity?> asRead)
    {
        Case = @case;
        ETag = etag;
        _rows = rows;
        _asRead = asRead;
    }

    public Case Case { get; }
    public ETag ETag { get; }
    public string CaseId => Case.CaseId;

    /// <summary>A row the command asked for; null if the case has no such row.</summary>
    public TableEntity? Row(string rowKey) =>
        _rows.TryGetValue(rowKey, out var row) ? row : throw new InvalidOperationException($"Row '{rowKey}' was not read for this command.");

    public bool WasRead(string rowKey) => _rows.ContainsKey(rowKey);

    /// <summary>The ETag the row had when it was read (none if it was absent): a write of it must still find that.</summary>
    internal ETag ETagOf(string rowKey) => _asRead.TryGetValue(rowKey, out var row) && row is not null ? row.ETag : default;

    /// <summary>
    /// The case as <paramref name="writes"/> leave it, not yet stored: what the next command in the same group decides on.
    /// The ETags stay those read, because the group commits once, against what was read. Null if the case was deleted.
    /// </summary>
    internal CaseFile? After(CaseWrites writes)
    {
        if (writes.IsEmpty) return this;
        var rows = new Dictionary<string, TableEntity?>(_rows, StringComparer.Ordinal);
        foreach (var (type, row, _) in writes.Rows)
        {
            if (row.RowKey == CaseRow.Row)
            {
                if (type == TableTransactionActionType.Delete) return null;
                continue; // the head is carried as the Case below
            }
            if (!rows.ContainsKey(row.RowKey)) continue; // not read by anyone in the group
            rows[row.RowKey] = type == TableTransactionActionType.Delete ? null
                : row as TableEntity ?? throw new InvalidOperationException($"Row '{row.RowKey}' must be written as a TableEntity to be read back within a group.");
        }
        return new CaseFile(writes.Head?.After ?? Case, ETag, rows, _asRead);
    }
}
