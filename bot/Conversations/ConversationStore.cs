using Azure;
using Azure.Data.Tables;
using TeamsSafeguarding.Storage;

namespace TeamsSafeguarding.Conversations;

/// <summary>Reads and writes conversation references, the personal-chat index and the last serviceUrl per tenant.</summary>
public sealed class ConversationStore(TableClient table)
{
    public const string TenantsPartition = "tenants";

    public async Task<(ConversationReference? Reference, ETag ETag)> FindAsync(string conversationId, CancellationToken ct)
    {
        var row = await table.GetEntityIfExistsAsync<TableEntity>(
            ConversationReference.PartitionOf(ConversationReference.BaseConversationId(conversationId)), ConversationReference.Row, cancellationToken: ct);
        return row.HasValue ? (ConversationReference.FromEntity(row.Value!), row.Value!.ETag) : (null, default);
    }

    public async Task<(PersonalChat? Chat, ETag ETag)> FindPersonalChatAsync(string userKey, CancellationToken ct)
    {
        var row = await table.GetEntityIfExistsAsync<TableEntity>(PersonalChat.PartitionOf(userKey), PersonalChat.Row, cancellationToken: ct);
        return row.HasValue ? (PersonalChat.FromEntity(row.Value!), row.Value!.ETag) : (null, default);
    }

    public async Task<UserReference?> FindUserAsync(string userKey, CancellationToken ct)
    {
        var row = await table.GetEntityIfExistsAsync<TableEntity>(PersonalChat.PartitionOf(userKey), UserReference.Row, cancellationToken: ct);
        return row.HasValue ? UserReference.FromEntity(row.Value!) : null;
    }

    /// <summary>Every tenant the bot has had traffic from.</summary>
    public async Task<IReadOnlyList<string>> KnownTenantsAsync(CancellationToken ct)
    {
        var tenants = new List<string>();
        await foreach (var row in table.QueryAsync<TableEntity>(e => e.PartitionKey == TenantsPartition, select: ["RowKey", "TenantId"], cancellationToken: ct))
            tenants.Add(row.GetString("TenantId") ?? Keys.Unescape(row.RowKey));
        return tenants;
    }

    public Task SavePersonalChatAsync(PersonalChat chat, CancellationToken ct) =>
        table.UpsertEntityAsync(chat.ToEntity(), TableUpdateMode.Replace, ct);

    /// <summary>Remember where a tenant's Teams traffic comes from, to reach channels we were never mentioned in.</summary>
    public Task RememberServiceUrlAsync(string tenantId, string serviceUrl, CancellationToken ct) =>
        table.UpsertEntityAsync(new TableEntity(TenantsPartition, Keys.Escape(tenantId)) { ["ServiceUrl"] = serviceUrl, ["TenantId"] = tenantId },
            TableUpdateMode.Replace, ct);

    public async Task<string?> FindServiceUrlAsync(string? tenantId, CancellationToken ct)
    {
        if (!string.IsNullOrEmpty(tenantId))
        {
            var row = await table.GetEntityIfExistsAsync<TableEntity>(TenantsPartition, Keys.Escape(tenantId), cancellationToken: ct);
            if (row.HasValue) return row.Value!.GetString("ServiceUrl");
        }
        await foreach (var any in table.QueryAsync<TableEntity>(e => e.PartitionKey == TenantsPartition, maxPerPage: 1, cancellationToken: ct))
            return any.GetString("ServiceUrl");
        return null;
    }
}
