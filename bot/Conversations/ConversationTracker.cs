using Azure;
using Azure.Data.Tables;
using TeamsSafeguarding.Routing;
using TeamsSafeguarding.Teams;

namespace TeamsSafeguarding.Conversations;

/// <summary>
/// Keeps conversation references fresh from every inbound activity (serviceUrl can change), so features
/// can message people and channels later on their own. A person who writes to the bot before any install
/// event (an app installed before this bot version) gets a personal-chat entry too.
/// </summary>
public sealed class ConversationTracker(TableClient table, ConversationStore store)
{
    public async Task RememberAsync(Activity activity, CancellationToken ct)
    {
        if (ConversationReference.From(activity) is not { } reference) return;
        var removing = IsRemoval(activity);
        await table.UpsertEntityAsync((reference with { Installed = !removing }).ToEntity(), TableUpdateMode.Replace, ct);
        if (reference.TenantId is { Length: > 0 } tenant)
            await store.RememberServiceUrlAsync(tenant, reference.ServiceUrl, ct);

        var isFirstContact = activity.Type is ActivityTypes.Message or ActivityTypes.Invoke;
        if (isFirstContact && reference.Kind == "personal" && Actor.From(activity) is { } actor)
        {
            var chat = new PersonalChat(actor.UserKey, reference.ConversationId, reference.ServiceUrl, reference.TenantId, actor.TeamsUserId, true);
            var (existing, etag) = await store.FindPersonalChatAsync(actor.UserKey, ct);
            try
            {
                if (existing is null) await table.AddEntityAsync(chat.ToEntity(), ct);
                else if (existing != chat) await table.UpdateEntityAsync(chat.ToEntity(), etag, TableUpdateMode.Replace, ct);
            }
            catch (RequestFailedException e) when (e.Status is 409 or 412)
            {
                // Another delivery wrote it at the same moment; either copy is right.
            }
        }
    }

    public static bool IsRemoval(Activity activity) =>
        (activity.Type == ActivityTypes.InstallationUpdate && activity.Action?.StartsWith("remove", StringComparison.OrdinalIgnoreCase) == true)
        || (activity.Type == ActivityTypes.ConversationUpdate && activity.MembersRemoved?.Any(m => IsBot(m, activity)) == true);

    public static bool IsBotAdded(Activity activity) =>
        (activity.Type == ActivityTypes.InstallationUpdate && activity.Action?.StartsWith("add", StringComparison.OrdinalIgnoreCase) == true)
        || (activity.Type == ActivityTypes.ConversationUpdate && activity.MembersAdded?.Any(m => IsBot(m, activity)) == true);

    private static bool IsBot(ChannelAccount member, Activity activity) =>
        string.Equals(member.Id, activity.Recipient?.Id, StringComparison.OrdinalIgnoreCase);
}
