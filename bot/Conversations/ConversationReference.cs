using Azure.Data.Tables;
using TeamsSafeguarding.Storage;
using TeamsSafeguarding.Teams;

namespace TeamsSafeguarding.Conversations;

/// <summary>
/// What the bot needs to message a conversation later on its own: where (serviceUrl) and which
/// conversation. Stored in partition "conv|{conversationId}" row "ref"; for a channel, the id is the
/// channel's own id (a thread's ";messageid=" suffix is dropped), so any thread teaches us the channel.
/// </summary>
public sealed record ConversationReference(
    string ConversationId,
    string ServiceUrl,
    string? TenantId,
    string Kind,
    string? TeamId,
    string? BotId,
    bool Installed)
{
    public const string Row = "ref";

    public static string PartitionOf(string conversationId) => "conv|" + Keys.Escape(conversationId);

    /// <summary>"19:x@thread.tacv2;messageid=1" -> "19:x@thread.tacv2".</summary>
    public static string BaseConversationId(string conversationId)
    {
        var cut = conversationId.IndexOf(";messageid=", StringComparison.OrdinalIgnoreCase);
        return cut < 0 ? conversationId : conversationId[..cut];
    }

    public static ConversationReference? From(Activity activity)
    {
        if (activity.Conversation?.Id is not { Length: > 0 } id || activity.ServiceUrl is not { Length: > 0 } serviceUrl)
            return null;
        return new ConversationReference(BaseConversationId(id), serviceUrl, activity.TenantId,
            activity.Conversation.ConversationType ?? "personal", activity.ChannelData?.Team?.Id, activity.Recipient?.Id, true);
    }

    public TableEntity ToEntity() => new(PartitionOf(ConversationId), Row)
    {
        ["ConversationId"] = ConversationId,
        ["ServiceUrl"] = ServiceUrl,
        ["TenantId"] = TenantId,
        ["Kind"] = Kind,
        ["TeamId"] = TeamId,
        ["BotId"] = BotId,
        ["Installed"] = Installed,
    };

    public static ConversationReference FromEntity(TableEntity e) => new(
        e.GetString("ConversationId"), e.GetString("ServiceUrl"), e.GetString("TenantId"), e.GetString("Kind"),
        e.GetString("TeamId"), e.GetString("BotId"), e.GetBoolean("Installed") ?? true);
}

/// <summary>A user's personal chat with the bot: partition "user|{userKey}" row "personal".</summary>
public sealed record PersonalChat(string UserKey, string ConversationId, string ServiceUrl, string? TenantId, string? TeamsUserId, bool Installed)
{
    public const string Row = "personal";

    public static string PartitionOf(string userKey) => "user|" + Keys.Escape(userKey);

    public TableEntity ToEntity() => new(PartitionOf(UserKey), Row)
    {
        ["UserKey"] = UserKey,
        ["ConversationId"] = ConversationId,
        ["ServiceUrl"] = ServiceUrl,
        ["TenantId"] = TenantId,
        ["TeamsUserId"] = TeamsUserId,
        ["Installed"] = Installed,
    };

    public static PersonalChat FromEntity(TableEntity e) => new(
        e.GetString("UserKey"), e.GetString("ConversationId"), e.GetString("ServiceUrl"), e.GetString("TenantId"),
        e.GetString("TeamsUserId"), e.GetBoolean("Installed") ?? true);
}
