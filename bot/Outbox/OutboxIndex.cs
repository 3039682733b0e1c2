using Azure;
using Azure.Data.Tables;

namespace TeamsSafeguarding.Outbox;

/// <summary>A partition that may hold unsent messages, as the index says.</summary>
/// <param name="Owner">The instance sending it; it holds it until <paramref name="LeaseUntil"/>.</param>
/// <param name="LookAt">Until when a commit that marked the partition may still land (the mark plus the grace).</param>
/// <param name="NextAt">Nothing in it can be sent before then (its first message waits for a retry).</param>
public sealed record PendingPartition(string PartitionKey, string Owner, DateTimeOffset LeaseUntil, DateTimeOffset LookAt,
    DateTimeOffset NextAt, ETag ETag)
{
    public bool IsLeasedAt(DateTimeOffset now) => LeaseUntil > now;
}

/// <summary>
/// The partitions with messages waiting: partition "outbox-index", one row per partition (row key: its key). A
/// transaction that queues messages marks its partition here BEFORE it commits (like the due index), so the outbox never
/// scans the table: a crash after the commit leaves a mark that any instance's pass finds. The instance sending a
/// partition holds the mark with a lease (Owner, LeaseUntil, taken and kept under its ETag), so two instances never
/// send one partition at once, which keeps a partition's messages in order; it deletes the mark, under its ETag, once
/// nothing is left and no commit that marked it can still land.
/// </summary>
public sealed class OutboxIndex(TableClient table)
{
    public const string Partition = "outbox-index";

    /// <summary>A partition key is already a valid key: escaping it again could take it past the 1 KiB a key may hold.</summary>
    public static string RowKeyOf(string partitionKey) => partitionKey;

    /// <summary>Marks a partition that has no mark yet, held by <paramref name="owner"/> ("" for nobody); null if it has one.</summary>
    public async Task<ETag?> TryAddAsync(string partitionKey, string owner, DateTimeOffset leaseUntil, DateTimeOffset lookAt,
        DateTimeOffset now, CancellationToken ct)
    {
        try
        {
            var added = await table.AddEntityAsync(Row(partitionKey, owner, leaseUntil, lookAt, now), ct);
            return added.Headers.ETag;
        }
        catch (RequestFailedException e) when (e.Status == 409)
        {
            return null;
        }
    }

    /// <summary>
    /// Says a commit with messages is on its way to a partition someone else (or no one yet) holds: pushes LookAt on,
    /// and changes the ETag, so the holder's next conditional write fails and it looks again. False if the mark is gone.
    /// </summary>
    public async Task<bool> TryMarkAsync(string partitionKey, DateTimeOffset lookAt, DateTimeOffset now, CancellationToken ct)
    {
        try
        {
            await table.UpdateEntityAsync(new TableEntity(Partition, RowKeyOf(partitionKey)) { ["LookAt"] = lookAt, ["NextAt"] = now },
                ETag.All, TableUpdateMode.Merge, ct);
            return true;
        }
        catch (RequestFailedException e) when (e.Status == 404)
        {
            return false;
        }
    }

    /// <summary>Marks a partition whoever holds it (a transaction with no dispatcher of its own in this process).</summary>
    public async Task MarkAsync(string partitionKey, DateTimeOffset lookAt, DateTimeOffset now, CancellationToken ct)
    {
        for (var attempt = 0; attempt < 5; attempt++)
        {
            if (await TryAddAsync(partitionKey, "", now, lookAt, now, ct) is not null) return;
            if (await TryMarkAsync(partitionKey, lookAt, now, ct)) return;
        }
        throw new InvalidOperationException("The outbox index kept changing under a mark.");
    }

    /// <summary>Every marked partition: as many rows as partitions with work, whatever the size of the table.</summary>
    public async Task<IReadOnlyList<PendingPartition>> ListAsync(CancellationToken ct)
    {
        var rows = new List<PendingPartition>();
        await foreach (var row in table.QueryAsync<TableEntity>(e => e.PartitionKey == Partition, cancellationToken: ct)) rows.Add(Read(row));
        return rows;
    }

    public async Task<PendingPartition?> GetAsync(string partitionKey, CancellationToken ct)
    {
        var row = await table.GetEntityIfExistsAsync<TableEntity>(Partition, RowKeyOf(partitionKey), cancellationToken: ct);
        return row.HasValue ? Read(row.Value!) : null;
    }

    /// <summary>
    /// Writes the mark as read (<paramref name="seen"/>) with a new holder and lease: null if it changed since (someone
    /// marked it, or took it) or is gone.
    /// </summary>
    public async Task<ETag?> TryHoldAsync(PendingPartition seen, string owner, DateTimeOffset leaseUntil, DateTimeOffset nextAt,
        CancellationToken ct)
    {
        try
        {
            var held = await table.UpdateEntityAsync(Row(seen.PartitionKey, owner, leaseUntil, seen.LookAt, nextAt), seen.ETag,
                TableUpdateMode.Replace, ct);
            return held.Headers.ETag;
        }
        catch (RequestFailedException e) when (e.Status is 404 or 412)
        {
            return null;
        }
    }

    /// <summary>Removes the mark unless it changed since <paramref name="etag"/>; true if it is gone.</summary>
    public async Task<bool> TryDeleteAsync(string partitionKey, ETag etag, CancellationToken ct)
    {
        try
        {
            await table.DeleteEntityAsync(Partition, RowKeyOf(partitionKey), etag, ct);
            return true;
        }
        catch (RequestFailedException e) when (e.Status == 404)
        {
            return true;
        }
        catch (RequestFailedException e) when (e.Status == 412)
        {
            return false;
        }
    }

    private static TableEntity Row(string partitionKey, string owner, DateTimeOffset leaseUntil, DateTimeOffset lookAt, DateTimeOffset nextAt) =>
        new(Partition, RowKeyOf(partitionKey))
        {
            ["Owner"] = owner,
            ["LeaseUntil"] = leaseUntil,
            ["LookAt"] = lookAt,
            ["NextAt"] = nextAt,
        };

    private static PendingPartition Read(TableEntity row) => new(
        row.RowKey,
        row.GetString("Owner") ?? "",
        row.GetDateTimeOffset("LeaseUntil") ?? default,
        row.GetDateTimeOffset("LookAt") ?? default,
        row.GetDateTimeOffset("NextAt") ?? default,
        row.ETag);
}
