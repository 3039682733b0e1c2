using Azure;
using Azure.Data.Tables;
using TeamsSafeguarding.Storage;

namespace TeamsSafeguarding.Scheduling;

/// <summary>One piece of work that falls due: what kind (a sweep's name), about what (usually a case id), and when.</summary>
public sealed record DueItem(string Kind, string Subject, DateTimeOffset DueAt, string RowKey, ETag ETag);

/// <summary>
/// Scheduled work by due time: reminders, deadlines, expiries and digests are rows "due|{kind}" / "{due ticks}|{subject}",
/// so a pass reads only what has fallen due (a range query), never every case. A row is written before the change that
/// needs it commits, so a crash in between leaves at worst a row that finds nothing to do; the work itself always
/// re-reads the truth (the case), so a stale or repeated row is harmless. While an instance works on a row it holds a
/// lease on it, so two instances do not do the same work at once.
/// </summary>
public sealed class DueIndex(TableClient table)
{
    public const string PartitionPrefix = "due|";

    public static string PartitionOf(string kind) => PartitionPrefix + kind;

    public static string RowKeyOf(DateTimeOffset dueAt, string subject) => $"{dueAt.UtcTicks:D19}|{Keys.Escape(subject)}";

    public static TableEntity Row(string kind, string subject, DateTimeOffset dueAt) => new(PartitionOf(kind), RowKeyOf(dueAt, subject))
    {
        ["Subject"] = subject,
        ["DueAt"] = dueAt,
    };

    /// <summary>Idempotent: scheduling the same work for the same time twice leaves one row.</summary>
    public Task ScheduleAsync(string kind, string subject, DateTimeOffset dueAt, CancellationToken ct) =>
        table.UpsertEntityAsync(Row(kind, subject, dueAt), TableUpdateMode.Replace, ct);

    /// <summary>The work of this kind due at or before <paramref name="now"/>, earliest first, not leased by someone else.</summary>
    public async Task<IReadOnlyList<DueItem>> DueAsync(string kind, DateTimeOffset now, CancellationToken ct)
    {
        var filter = TableClient.CreateQueryFilter(
            $"PartitionKey eq {PartitionOf(kind)} and RowKey lt {$"{now.UtcTicks + 1:D19}"}");
        var due = new List<DueItem>();
        await foreach (var row in table.QueryAsync<TableEntity>(filter, cancellationToken: ct))
        {
            if (row.GetDateTimeOffset("LeaseUntil") > now) continue;
            due.Add(new DueItem(kind, row.GetString("Subject") ?? "", row.GetDateTimeOffset("DueAt") ?? default, row.RowKey, row.ETag));
        }
        return due;
    }

    /// <summary>Takes the item for <paramref name="lease"/>; false if another instance changed or took it first.</summary>
    public async Task<DueItem?> TryLeaseAsync(DueItem item, DateTimeOffset now, TimeSpan lease, CancellationToken ct)
    {
        try
        {
            var leased = await table.UpdateEntityAsync(new TableEntity(PartitionOf(item.Kind), item.RowKey) { ["LeaseUntil"] = now + lease },
                item.ETag, TableUpdateMode.Merge, ct);
            return item with { ETag = leased.Headers.ETag ?? item.ETag };
        }
        catch (RequestFailedException e) when (e.Status is 404 or 412)
        {
            return null;
        }
    }

    /// <summary>The item is done: its row goes (unless it changed meanwhile, e.g. it was scheduled again).</summary>
    public async Task DoneAsync(DueItem item, CancellationToken ct)
    {
        try
        {
            await table.DeleteEntityAsync(PartitionOf(item.Kind), item.RowKey, item.ETag, ct);
        }
        catch (RequestFailedException e) when (e.Status is 404 or 412) { }
    }
}
