using Azure.Data.Tables;
using Microsoft.Extensions.Options;

namespace TeamsSafeguarding.Outbox;

/// <summary>
/// The link between the transactions that queue messages and this instance's dispatcher: before a commit the partition is
/// marked in the outbox index (or found already held by this instance), and after it the committed messages are handed
/// to the dispatcher in process, so they go out at once, with no scan and no second read. With no dispatcher (a tool,
/// a test) the mark alone is written, and any instance's pass finds the messages.
/// </summary>
public sealed class OutboxSignal(IOptions<OutboxOptions>? options = null)
{
    private readonly TimeSpan _grace = (options?.Value ?? new OutboxOptions()).Grace;
    private OutboxDispatcher? _dispatcher;

    internal void Attach(OutboxDispatcher dispatcher) => _dispatcher = dispatcher;

    internal async Task<OutboxClaim> ClaimAsync(OutboxIndex index, string partitionKey, DateTimeOffset now, CancellationToken ct)
    {
        if (_dispatcher is { } dispatcher) return await dispatcher.ClaimAsync(partitionKey, ct);
        await index.MarkAsync(partitionKey, now + _grace, now, ct);
        return OutboxClaim.None;
    }
}

/// <summary>
/// A partition this instance's dispatcher holds for a commit under way: told what was committed (or that nothing was),
/// it sends the messages at once. <see cref="None"/>: the partition is someone else's; the mark tells them.
/// </summary>
internal sealed class OutboxClaim(OutboxDispatcher? dispatcher, PartitionSession? session)
{
    public static readonly OutboxClaim None = new(null, null);

    public void Committed(IReadOnlyList<TableEntity> messages) => dispatcher?.HandOver(session!, messages);

    public void Abandoned() => dispatcher?.HandOver(session!, []);
}
