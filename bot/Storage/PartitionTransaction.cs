using Azure;
using Azure.Data.Tables;
using TeamsSafeguarding.Outbox;

namespace TeamsSafeguarding.Storage;

/// <summary>
/// A state change and the messages it causes, committed together: every row here shares one partition,
/// so Table Storage applies them all or none. Messages become outbox rows the dispatcher sends afterwards,
/// so a crash between commit and send loses nothing: the partition is marked in the outbox index first.
/// </summary>
public sealed class PartitionTransaction(TableClient table, OutboxSignal signal, OutboxIndex index, TimeProvider clock, QueueOrder order,
    string partitionKey)
{
    private readonly List<TableTransactionAction> _actions = [];
    private readonly List<TableEntity> _messages = [];

    public string PartitionKey => partitionKey;

    public PartitionTransaction Add(ITableEntity entity) => Push(TableTransactionActionType.Add, entity);

    /// <summary>Replace a row read earlier; fails the whole commit (412) if someone changed it since.</summary>
    public PartitionTransaction Replace(ITableEntity entity, ETag etag) => Push(TableTransactionActionType.UpdateReplace, entity, etag);

    public PartitionTransaction Send(OutboundMessage message)
    {
        // Keys in the order this instance queued them (commands on a case take turns here), and the position keeps this
        // transaction's messages in order: the dispatcher sends only a card's newest update, so "newest" must be right.
        var now = clock.GetUtcNow();
        var row = OutboxRow.Create(partitionKey, message, now, _messages.Count, order.Next(now));
        _messages.Add(row);
        return Add(row);
    }

    /// <summary>The instant rows queued now sort by (case log lines, like messages): after everything this instance wrote before.</summary>
    public DateTimeOffset OrderOf(DateTimeOffset now) => order.Next(now);

    /// <exception cref="TableTransactionFailedException">412 when a Replace/Delete row changed meanwhile; 409 when an Add row exists.</exception>
    public async Task CommitAsync(CancellationToken ct)
    {
        if (_actions.Count == 0) return;
        if (_messages.Count == 0)
        {
            await table.SubmitTransactionAsync(_actions, ct);
            return;
        }
        var claim = await signal.ClaimAsync(index, partitionKey, clock.GetUtcNow(), ct);
        try
        {
            await table.SubmitTransactionAsync(_actions, ct);
        }
        catch
        {
            claim.Abandoned();
            throw;
        }
        claim.Committed(_messages);
    }

    /// <summary>Any row action, as <see cref="Cases.CaseWrites"/> collects them.</summary>
    public PartitionTransaction Add(TableTransactionActionType type, ITableEntity entity, ETag etag) => Push(type, entity, etag);

    private PartitionTransaction Push(TableTransactionActionType type, ITableEntity entity, ETag etag = default)
    {
        if (entity.PartitionKey != partitionKey)
            throw new InvalidOperationException("Every row in a transaction must share its partition.");
        if (_actions.Count == 100)
            throw new InvalidOperationException("A Table Storage transaction holds at most 100 rows.");
        _actions.Add(new TableTransactionAction(type, entity, etag));
        return this;
    }
}

/// <summary>Creates transactions; injected wherever a capability changes state.</summary>
public sealed class Transactions(TableClient table, OutboxSignal signal, TimeProvider clock)
{
    private readonly OutboxIndex _index = new(table);
    private readonly QueueOrder _order = new();

    public PartitionTransaction Begin(string partitionKey) => new(table, signal, _index, clock, _order, partitionKey);
}

/// <summary>
/// The instants this instance queues messages at, strictly increasing even when its clock stands still (a test's fake
/// clock, two commits within one tick) or steps back (a clock correction): a message queued later never sorts first.
/// </summary>
public sealed class QueueOrder
{
    private long _lastTicks;

    public DateTimeOffset Next(DateTimeOffset now)
    {
        while (true)
        {
            var last = Interlocked.Read(ref _lastTicks);
            var next = Math.Max(now.UtcTicks, last + 1);
            if (Interlocked.CompareExchange(ref _lastTicks, next, last) == last) return new DateTimeOffset(next, TimeSpan.Zero);
        }
    }
}
