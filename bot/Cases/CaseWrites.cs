using Azure;
using Azure.Data.Tables;
using TeamsSafeguarding.Escalation.Cases;
using TeamsSafeguarding.Outbox;

namespace TeamsSafeguarding.Cases;

/// <summary>
/// What a command decided to write to its case: the change of the case itself (stage and log, from the
/// <see cref="Case"/> aggregate), other rows of the case, more log lines and the messages it causes. Nothing is
/// written until <see cref="CaseCommands"/> commits it all in one transaction; a command that writes nothing
/// commits nothing.
/// </summary>
public sealed class CaseWrites
{
    private readonly CaseFile? _file;
    private readonly List<(TableTransactionActionType Type, ITableEntity Row, ETag ETag)> _rows = [];
    private readonly List<CaseLogEntry> _log = [];
    private readonly List<OutboundMessage> _messages = [];
    private readonly List<(string Kind, DateTimeOffset At)> _schedules = [];

    internal CaseWrites(string caseId, CaseFile? file, CaseActor actor, DateTimeOffset now)
    {
        CaseId = caseId;
        _file = file;
        Actor = actor;
        Now = now;
    }

    public string CaseId { get; }
    /// <summary>The person (or the bot) acting, for the case log.</summary>
    public CaseActor Actor { get; }
    /// <summary>The instant the command runs at (the injected clock, read once per attempt).</summary>
    public DateTimeOffset Now { get; }

    /// <summary>The rows written, in order (a group of commands merges them: one action per row).</summary>
    internal IReadOnlyList<(TableTransactionActionType Type, ITableEntity Row, ETag ETag)> Rows => _rows;

    /// <summary>The messages this command causes, in order.</summary>
    internal IReadOnlyList<OutboundMessage> Messages => _messages;

    /// <summary>Log lines and messages: one transaction action each.</summary>
    internal int LinesAndMessages => _log.Count + _messages.Count;

    internal bool IsEmpty => _rows.Count == 0 && _log.Count == 0 && _messages.Count == 0 && _schedules.Count == 0;

    /// <summary>The head before and after, when the command changed it (the case's followers are told before the commit).</summary>
    internal (Case? Before, Case After)? Head { get; private set; }

    /// <summary>The scheduled work this command asked for (written to the due index before the commit).</summary>
    internal IReadOnlyList<(string Kind, DateTimeOffset At)> Schedules => _schedules;

    /// <summary>Stores what a step of the <see cref="Case"/> did: the head (added for a new case, else replaced under the
    /// ETag it was read with) and its log lines. A refused change must not reach here.</summary>
    public CaseWrites Apply(CaseChange change)
    {
        if (change.IsRefused) throw new InvalidOperationException("A refused change has nothing to write.");
        var head = CaseRow.ToEntity(change.After);
        Head = (Head?.Before ?? change.Before, change.After);
        if (change.Before is null) _rows.Add((TableTransactionActionType.Add, head, default));
        else _rows.Add((TableTransactionActionType.UpdateReplace, head, File.ETag));
        foreach (var line in change.Log) Log(line);
        return this;
    }

    /// <summary>
    /// Writes another row of the case: replaced under its ETag if the command read it, added if the command read that
    /// it was absent, otherwise written whatever is there.
    /// </summary>
    public CaseWrites Put(ITableEntity row)
    {
        if (_file is not null && _file.WasRead(row.RowKey))
        {
            var read = _file.Row(row.RowKey);
            _rows.Add(read is null ? (TableTransactionActionType.Add, row, default) : (TableTransactionActionType.UpdateReplace, row, _file.ETagOf(row.RowKey)));
        }
        else _rows.Add((TableTransactionActionType.UpsertReplace, row, default));
        return this;
    }

    /// <summary>Deletes a row the command read (no-op if it was absent).</summary>
    public CaseWrites Delete(string rowKey)
    {
        if (File.Row(rowKey) is { } read) _rows.Add((TableTransactionActionType.Delete, read, File.ETagOf(rowKey)));
        return this;
    }

    /// <summary>Deletes the case head itself (a discarded or expired draft). The log keeps that it happened.</summary>
    public CaseWrites DeleteCase()
    {
        _rows.Add((TableTransactionActionType.Delete, new TableEntity(CaseRow.PartitionOf(CaseId), CaseRow.Row), File.ETag));
        return this;
    }

    /// <summary>
    /// The command depends on a row it read staying as it was (e.g. a card built from it): the commit fails, and the
    /// command runs again, if it changed meanwhile. The row is rewritten unchanged.
    /// </summary>
    public CaseWrites Guard(string rowKey)
    {
        TableEntity? read = rowKey == CaseRow.Row ? CaseRow.ToEntity(File.Case) : File.Row(rowKey);
        if (read is null) return this;
        var copy = new TableEntity(read.PartitionKey, read.RowKey);
        foreach (var (k, v) in read) if (k is not ("PartitionKey" or "RowKey" or "Timestamp" or "odata.etag")) copy[k] = v;
        _rows.Add((TableTransactionActionType.UpdateReplace, copy, rowKey == CaseRow.Row ? File.ETag : File.ETagOf(rowKey)));
        return this;
    }

    public CaseWrites Log(string action, string? detail = null) => Log(new CaseLogLine(action, detail));

    /// <summary>
    /// The person may not do this: logs the refusal on the case (who, their role, what they tried; nothing they typed)
    /// and gives back the answer to show them.
    /// </summary>
    /// <param name="by">Who was refused, when not the command's actor (e.g. someone opening another person's referral).</param>
    public T Refuse<T>(string what, T answer, CaseActor? by = null)
    {
        Log(new CaseLogLine(CaseActions.AccessRefused, what, by));
        Refusals++;
        return answer;
    }

    internal int Refusals { get; private set; }

    public CaseWrites Log(CaseLogLine line)
    {
        _log.Add(CaseLogEntry.Of(line, Actor, Now));
        return this;
    }

    public CaseWrites Send(OutboundMessage message)
    {
        _messages.Add(message);
        return this;
    }

    /// <summary>
    /// Asks for the sweep of <paramref name="kind"/> to visit this case at <paramref name="at"/> (a reminder, a deadline,
    /// an expiry). The sweep re-reads the case then, so scheduling early or twice does no harm.
    /// </summary>
    public CaseWrites Schedule(string kind, DateTimeOffset at)
    {
        _schedules.Add((kind, at));
        return this;
    }

    internal void AddTo(Storage.PartitionTransaction tx)
    {
        foreach (var (type, row, etag) in _rows) tx.Add(type, row, etag);
        AddLogAndMessagesTo(tx);
    }

    /// <param name="superseded">Messages not worth storing: a later command in the same group replaces them.</param>
    internal void AddLogAndMessagesTo(Storage.PartitionTransaction tx, IReadOnlySet<OutboundMessage>? superseded = null)
    {
        // The log reads in key order: keys follow this instance's order, so a page of the log never shifts under a
        // reader when lines land in the same instant (a test's clock, two commits within one tick).
        var orderAt = _log.Count > 0 ? tx.OrderOf(Now) : Now;
        for (var i = 0; i < _log.Count; i++) tx.Add(TableTransactionActionType.Add, _log[i].ToEntity(CaseId, i, orderAt), default);
        foreach (var message in _messages)
            if (superseded?.Contains(message) != true) tx.Send(message);
    }

    private CaseFile File => _file ?? throw new InvalidOperationException("This command did not read the case.");
}
