using Azure;
using Azure.Data.Tables;
using TeamsSafeguarding.Escalation.Cases;
using TeamsSafeguarding.Outbox;

namespace TeamsSafeguarding.Cases;

/// <summary>
/// The writes of commands decided one after another on the same case, for one transaction: each row written once (its
/// last state, against the ETag it was read with: a batch may not touch a row twice), then each command's log lines
/// and messages in the order the commands were decided.
/// </summary>
internal sealed class GroupWrites(string caseId)
{
    /// <summary>Table Storage's limit of actions in one transaction.</summary>
    public const int MaxActions = 100;

    private readonly Dictionary<string, (TableTransactionActionType Type, ITableEntity Row, ETag ETag)> _rows = new(StringComparer.Ordinal);
    private readonly List<CaseWrites> _members = [];
    private int _linesAndMessages;

    public string CaseId => caseId;
    public bool IsEmpty => _members.All(m => m.IsEmpty);
    public IEnumerable<(string Kind, DateTimeOffset At)> Schedules => _members.SelectMany(m => m.Schedules);

    /// <summary>The head before the first change and after the last, when any command changed it.</summary>
    public (Case? Before, Case After)? Head =>
        _members.Where(m => m.Head is not null).Select(m => m.Head!.Value).ToList() is { Count: > 0 } heads
            ? (heads[0].Before, heads[^1].After)
            : null;

    /// <summary>
    /// Adds a command's writes; false (nothing added) if they would take the transaction past its limit, unless it is
    /// the first: a single command too big for one transaction fails at the commit, as it always has.
    /// </summary>
    public bool TryAdd(CaseWrites writes)
    {
        var newRows = writes.Rows.Select(r => r.Row.RowKey).Distinct(StringComparer.Ordinal).Count(k => !_rows.ContainsKey(k));
        if (_members.Count > 0 && _rows.Count + newRows + _linesAndMessages + writes.LinesAndMessages > MaxActions) return false;
        foreach (var row in writes.Rows) Merge(row);
        _linesAndMessages += writes.LinesAndMessages;
        _members.Add(writes);
        return true;
    }

    public void AddTo(Storage.PartitionTransaction tx)
    {
        foreach (var (type, row, etag) in _rows.Values) tx.Add(type, row, etag);
        var superseded = Superseded();
        foreach (var member in _members) member.AddLogAndMessagesTo(tx, superseded);
    }

    /// <summary>
    /// Updates of a card that a later update of it in the group replaces, with no new post of that card in between: the
    /// outbox would send only the newest anyway (see <see cref="Outbox.PartitionSession"/>), so they are not stored at all.
    /// </summary>
    private HashSet<OutboundMessage> Superseded()
    {
        var superseded = new HashSet<OutboundMessage>(ReferenceEqualityComparer.Instance);
        if (_members.Count < 2) return superseded;
        var messages = _members.SelectMany(m => m.Messages).ToList();
        var replaced = PartitionSession.Replaced(messages, PartitionSession.CardOf);
        for (var i = 0; i < messages.Count; i++)
            if (replaced[i]) superseded.Add(messages[i]);
        return superseded;
    }

    /// <summary>A row's writes folded into one action that takes it from what was read to its last state.</summary>
    private void Merge((TableTransactionActionType Type, ITableEntity Row, ETag ETag) next)
    {
        var key = next.Row.RowKey;
        if (!_rows.TryGetValue(key, out var first))
        {
            _rows[key] = next;
            return;
        }
        const TableTransactionActionType Add = TableTransactionActionType.Add, Delete = TableTransactionActionType.Delete,
            Replace = TableTransactionActionType.UpdateReplace, Upsert = TableTransactionActionType.UpsertReplace;
        (TableTransactionActionType, ITableEntity, ETag)? merged = (first.Type, next.Type) switch
        {
            (Add, Delete) => null,                                  // added and deleted again: nothing to write
            (Add, _) => (Add, next.Row, default),                   // still new: added in its last state
            (Upsert, Delete) => (Delete, next.Row, ETag.All),
            (Upsert, _) => (Upsert, next.Row, default),
            (_, Delete) => (Delete, next.Row, first.ETag),          // was there when read: deleted if unchanged since
            _ => (Replace, next.Row, first.ETag),                   // was there when read: replaced if unchanged since
        };
        if (merged is { } m) _rows[key] = m;
        else _rows.Remove(key);
    }
}
