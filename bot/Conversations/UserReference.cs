using Azure.Data.Tables;

namespace TeamsSafeguarding.Conversations;

/// <summary>
/// Where a person was last seen by the bot outside their personal chat (a channel, a group chat): their tenant,
/// their Teams id for this bot and the tenant's serviceUrl, so a 1:1 chat can be opened with them in their own
/// tenant. Partition "user|{userKey}" (next to <see cref="PersonalChat"/>), row "seen". Ids only, no name.
/// </summary>
public sealed record UserReference(string UserKey, string? TenantId, string? TeamsUserId, string ServiceUrl)
{
    public const string Row = "seen";

    public TableEntity ToEntity() => new(PersonalChat.PartitionOf(UserKey), Row)
    {
        ["UserKey"] = UserKey,
        ["TenantId"] = TenantId,
        ["TeamsUserId"] = TeamsUserId,
        ["ServiceUrl"] = ServiceUrl,
    };

    public static UserReference FromEntity(TableEntity e) =>
        new(e.GetString("UserKey"), e.GetString("TenantId"), e.GetString("TeamsUserId"), e.GetString("ServiceUrl"));
}
