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

    public CaseFile(Case @case, ETag etag, IReadOnlyDictionary<string, TableEntity?> rows)
    {
        Case = @case;
        ETag = etag;
        _rows = rows;
    }

    public Case Case { get; }
    public ETag ETag { get; }
    public string CaseId => Case.CaseId;

    /// <summary>A row the command asked for; null if the case has no such row.</summary>
    public TableEntity? Row(string rowKey) =>
        _rows.TryGetValue(rowKey, out var row) ? row : throw new InvalidOperationException($"Row '{rowKey}' was not read for this command.");

    public bool WasRead(string rowKey) => _rows.ContainsKey(rowKey);
}
