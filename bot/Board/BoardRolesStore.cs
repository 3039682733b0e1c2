using System.Globalization;
using System.Text.Json;
using System.Text.Json.Serialization;
using Azure;
using Azure.Data.Tables;
using TeamsSafeguarding.Cases;
using TeamsSafeguarding.Storage;

namespace TeamsSafeguarding.Board;

/// <summary>The board's roles as stored: the version in force and since when.</summary>
public sealed record StoredBoardRoles(BoardRoleHolders Roles, DateTimeOffset ConfiguredAt);

/// <summary>One earlier change of the board's roles: when it was noticed and what changed (ids only).</summary>
public sealed record BoardRolesChange(DateTimeOffset ChangedAt, IReadOnlyList<RoleChange> Changes);

public enum RolesRecorded { First, Unchanged, Changed }

/// <summary>
/// The board's roles in Table Storage, partition "board": row "roles" holds the version in force; each change adds
/// row "roles|{UTC ISO time}" with the previous version and what changed, so who held which role when can be shown
/// later. The row "roles" is written under its ETag (or inserted only if absent), so two instances starting together
/// with the same new configuration write one change, not two.
/// </summary>
public sealed class BoardRolesStore(TableClient table, Transactions transactions, TimeProvider clock)
{
    public const string Partition = "board";
    public const string Row = "roles";
    public const string ChangePrefix = "roles|";
    private const int MaxAttempts = 5;

    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web)
    {
        Converters = { new JsonStringEnumConverter() },
    };

    /// <summary>Stores <paramref name="configured"/> unless it is what is stored already.</summary>
    public async Task<RolesRecorded> RecordAsync(BoardRoleHolders configured, CancellationToken ct)
    {
        for (var attempt = 1; ; attempt++)
        {
            var now = clock.GetUtcNow();
            var row = await table.GetEntityIfExistsAsync<TableEntity>(Partition, Row, cancellationToken: ct);
            var tx = transactions.Begin(Partition);
            RolesRecorded outcome;
            if (!row.HasValue)
            {
                tx.Add(CurrentRow(configured, now));
                outcome = RolesRecorded.First;
            }
            else
            {
                var stored = Read(row.Value!);
                var changes = configured.ChangesSince(stored.Roles);
                if (changes.Count == 0) return RolesRecorded.Unchanged;
                tx.Replace(CurrentRow(configured, now), row.Value!.ETag);
                tx.Add(ChangeRow(stored, changes, now));
                outcome = RolesRecorded.Changed;
            }
            try
            {
                await tx.CommitAsync(ct);
                return outcome;
            }
            catch (TableTransactionFailedException e) when (e.Status is 409 or 412 && attempt < MaxAttempts)
            {
                // Another instance stored the roles meanwhile: read what it stored and compare again.
            }
        }
    }

    public async Task<StoredBoardRoles?> GetAsync(CancellationToken ct)
    {
        var row = await table.GetEntityIfExistsAsync<TableEntity>(Partition, Row, cancellationToken: ct);
        return row.HasValue ? Read(row.Value!) : null;
    }

    /// <summary>The latest <paramref name="count"/> changes, newest first (the board changes its roles rarely, so all are read).</summary>
    public async Task<IReadOnlyList<BoardRolesChange>> GetChangesAsync(int count, CancellationToken ct)
    {
        var filter = TableClient.CreateQueryFilter(
            $"PartitionKey eq {Partition} and RowKey ge {ChangePrefix} and RowKey lt {Keys.PrefixEnd(ChangePrefix)}");
        var changes = new List<BoardRolesChange>();
        await foreach (var row in table.QueryAsync<TableEntity>(filter, cancellationToken: ct))
            changes.Add(new BoardRolesChange(row.GetDateTimeOffset("ChangedAt")!.Value,
                JsonSerializer.Deserialize<List<RoleChange>>(ChunkedText.Read(row, "Changes")!, Json)!));
        return changes.OrderByDescending(c => c.ChangedAt).Take(count).ToList();
    }

    public static string ChangeRowKey(DateTimeOffset changedAt) =>
        ChangePrefix + changedAt.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fffffff'Z'", CultureInfo.InvariantCulture);

    private static TableEntity CurrentRow(BoardRoleHolders roles, DateTimeOffset now)
    {
        var row = new TableEntity(Partition, Row) { ["ConfiguredAt"] = now };
        ChunkedText.Write(row, "Roles", JsonSerializer.Serialize(roles.Roles, Json));
        return row;
    }

    private static TableEntity ChangeRow(StoredBoardRoles previous, IReadOnlyList<RoleChange> changes, DateTimeOffset now)
    {
        var row = new TableEntity(Partition, ChangeRowKey(now))
        {
            ["ChangedAt"] = now,
            ["PreviouslyConfiguredAt"] = previous.ConfiguredAt,
            ["ChangeCount"] = changes.Count,
        };
        ChunkedText.Write(row, "Changes", JsonSerializer.Serialize(changes, Json));
        ChunkedText.Write(row, "Previous", JsonSerializer.Serialize(previous.Roles.Roles, Json));
        return row;
    }

    private static StoredBoardRoles Read(TableEntity row) =>
        new(Holders(ChunkedText.Read(row, "Roles")!), row.GetDateTimeOffset("ConfiguredAt")!.Value);

    private static BoardRoleHolders Holders(string json) =>
        new(JsonSerializer.Deserialize<List<RoleHolding>>(json, Json)!);
}
