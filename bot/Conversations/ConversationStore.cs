using System.Collections.Concurrent;
using Azure;
using Azure.Data.Tables;
using TeamsSafeguarding.Storage;

namespace TeamsSafeguarding.Conversations;

/// <summary>
/// Reads and writes conversation references, the personal-chat index and the last serviceUrl per tenant. Every activity
/// and every message sent looks these up, and they rarely change, so they are kept in memory for a few minutes and
/// every write here goes through to storage and the copy at once. Another instance's change is seen when the copy
/// expires (a serviceUrl or an install state a few minutes old is still right, or is corrected by the next activity).
/// </summary>
public sealed class ConversationStore(TableClient table, TimeProvider? clock = null)
{
    public const string TenantsPartition = "tenants";

    /// <summary>How long a row read or written here is used without reading it again.</summary>
    public static readonly TimeSpan KeepFor = TimeSpan.FromMinutes(5);
    private const int MaxKept = 20_000;
    private const string AnyTenant = "\u0001any";

    private readonly TimeProvider _clock = clock ?? TimeProvider.System;
    private readonly ConcurrentDictionary<(string Pk, string Rk), Kept> _kept = new();

    /// <summary>A row as last read or written (null: there is none), and until when it is trusted.</summary>
    private sealed record Kept(TableEntity? Row, DateTimeOffset Until);

    public async Task<(ConversationReference? Reference, ETag ETag)> FindAsync(string conversationId, CancellationToken ct)
    {
        var row = await GetAsync(ConversationReference.PartitionOf(ConversationReference.BaseConversationId(conversationId)), ConversationReference.Row, ct);
        return row is null ? (null, default) : (ConversationReference.FromEntity(row), row.ETag);
    }

    /// <param name="fresh">Read storage, not the copy: for a change that must see the latest row (an install).</param>
    public async Task<(PersonalChat? Chat, ETag ETag)> FindPersonalChatAsync(string userKey, CancellationToken ct, bool fresh = false)
    {
        if (fresh) Forget(PersonalChat.PartitionOf(userKey), PersonalChat.Row);
        var row = await GetAsync(PersonalChat.PartitionOf(userKey), PersonalChat.Row, ct);
        return row is null ? (null, default) : (PersonalChat.FromEntity(row), row.ETag);
    }

    public async Task<UserReference?> FindUserAsync(string userKey, CancellationToken ct) =>
        await GetAsync(PersonalChat.PartitionOf(userKey), UserReference.Row, ct) is { } row ? UserReference.FromEntity(row) : null;

    /// <summary>Every tenant the bot has had traffic from.</summary>
    public async Task<IReadOnlyList<string>> KnownTenantsAsync(CancellationToken ct)
    {
        var tenants = new List<string>();
        await foreach (var row in table.QueryAsync<TableEntity>(e => e.PartitionKey == TenantsPartition, select: ["RowKey", "TenantId"], cancellationToken: ct))
            tenants.Add(row.GetString("TenantId") ?? Keys.Unescape(row.RowKey));
        return tenants;
    }

    public Task SaveAsync(ConversationReference reference, CancellationToken ct) => UpsertAsync(reference.ToEntity(), ct);

    public Task SavePersonalChatAsync(PersonalChat chat, CancellationToken ct) => UpsertAsync(chat.ToEntity(), ct);

    public Task SaveUserAsync(UserReference user, CancellationToken ct) => UpsertAsync(user.ToEntity(), ct);

    /// <summary>
    /// Stores a personal chat only if its row is as read (<paramref name="etag"/>; absent when default): false when
    /// another delivery wrote it first.
    /// </summary>
    public async Task<bool> TrySavePersonalChatAsync(PersonalChat chat, ETag etag, CancellationToken ct)
    {
        var row = chat.ToEntity();
        try
        {
            var written = etag == default
                ? await table.AddEntityAsync(row, ct)
                : await table.UpdateEntityAsync(row, etag, TableUpdateMode.Replace, ct);
            Keep(row, written.Headers.ETag);
            return true;
        }
        catch (RequestFailedException e) when (e.Status is 409 or 412)
        {
            Forget(row.PartitionKey, row.RowKey);
            return false;
        }
    }

    /// <summary>The kept copy of a row written elsewhere (in a transaction) is dropped, so the next read sees the change.</summary>
    public void Forget(string partitionKey, string rowKey) => _kept.TryRemove((partitionKey, rowKey), out _);

    /// <summary>Remember where a tenant's Teams traffic comes from, to reach channels we were never mentioned in.</summary>
    public async Task RememberServiceUrlAsync(string tenantId, string serviceUrl, CancellationToken ct)
    {
        await UpsertAsync(new TableEntity(TenantsPartition, Keys.Escape(tenantId)) { ["ServiceUrl"] = serviceUrl, ["TenantId"] = tenantId }, ct);
        Forget(TenantsPartition, AnyTenant);
    }

    public async Task<string?> FindServiceUrlAsync(string? tenantId, CancellationToken ct)
    {
        if (!string.IsNullOrEmpty(tenantId) && await GetAsync(TenantsPartition, Keys.Escape(tenantId), ct) is { } row)
            return row.GetString("ServiceUrl");
        var now = _clock.GetUtcNow();
        if (TryKept((TenantsPartition, AnyTenant), now, out var kept)) return kept?.GetString("ServiceUrl");
        TableEntity? any = null;
        await foreach (var first in table.QueryAsync<TableEntity>(e => e.PartitionKey == TenantsPartition, maxPerPage: 1, cancellationToken: ct))
        {
            any = first;
            break;
        }
        Put((TenantsPartition, AnyTenant), any, now);
        return any?.GetString("ServiceUrl");
    }

    private async Task<TableEntity?> GetAsync(string partitionKey, string rowKey, CancellationToken ct)
    {
        var now = _clock.GetUtcNow();
        if (TryKept((partitionKey, rowKey), now, out var kept)) return kept;
        var row = await table.GetEntityIfExistsAsync<TableEntity>(partitionKey, rowKey, cancellationToken: ct);
        var value = row.HasValue ? row.Value : null;
        Put((partitionKey, rowKey), value, now);
        return value;
    }

    private async Task UpsertAsync(TableEntity row, CancellationToken ct)
    {
        var written = await table.UpsertEntityAsync(row, TableUpdateMode.Replace, ct);
        Keep(row, written.Headers.ETag);
    }

    private void Keep(TableEntity row, ETag? etag)
    {
        if (etag is { } e) row.ETag = e;
        Put((row.PartitionKey, row.RowKey), row, _clock.GetUtcNow());
    }

    /// <summary>The copy of a row (null: there is none) while it is still trusted.</summary>
    private bool TryKept((string, string) key, DateTimeOffset now, out TableEntity? row)
    {
        var found = _kept.TryGetValue(key, out var kept) && kept.Until > now;
        row = found ? kept!.Row : null;
        return found;
    }

    private void Put((string, string) key, TableEntity? row, DateTimeOffset now)
    {
        // A board has hundreds of people and conversations; past this the copies are simply started again.
        if (_kept.Count >= MaxKept) _kept.Clear();
        _kept[key] = new Kept(row, now + KeepFor);
    }
}
