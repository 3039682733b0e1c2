using TeamsSafeguarding.Routing;
using TeamsSafeguarding.Teams;

namespace TeamsSafeguarding.Conversations;

/// <summary>
/// Keeps conversation references fresh from every inbound activity (serviceUrl can change), so features
/// can message people and channels later on their own. A person who writes to the bot before any install
/// event (an app installed before this bot version) gets a personal-chat entry too; a person met in a channel
/// or group chat gets a <see cref="UserReference"/> (their tenant), so a 1:1 chat can be opened with them later.
/// Every row is read first (from the store's copy in memory, usually) and written only when it changed: most activities
/// read and write nothing in storage.
/// </summary>
public sealed class ConversationTracker(ConversationStore store)
{
    public async Task RememberAsync(Activity activity, CancellationToken ct)
    {
        if (ConversationReference.From(activity) is not { } seen) return;
        var (stored, _) = await store.FindAsync(seen.ConversationId, ct);
        var reference = Merge(stored, seen with { Installed = !IsRemoval(activity) }, activity);
        if (reference != stored)
        {
            await store.SaveAsync(reference, ct);
            // The tenant's serviceUrl only needs writing when this conversation taught us a new one.
            if (reference.TenantId is { Length: > 0 } tenant && (stored is null || stored.ServiceUrl != reference.ServiceUrl || stored.TenantId != tenant))
                await store.RememberServiceUrlAsync(tenant, reference.ServiceUrl, ct);
        }

        if (Actor.From(activity) is not { } actor) return;
        if (reference.Kind == "personal")
        {
            if (activity.Type is ActivityTypes.Message or ActivityTypes.Invoke)
                await RememberPersonalChatAsync(reference, actor, ct);
        }
        else
        {
            await RememberUserAsync(new UserReference(actor.UserKey, reference.TenantId, actor.TeamsUserId, reference.ServiceUrl), ct);
        }
    }

    /// <summary>
    /// What this activity says, filled in from what was stored where the activity is silent (an invoke may lack
    /// the team, or the conversation type), so that the stored reference does not flip back and forth.
    /// </summary>
    public static ConversationReference Merge(ConversationReference? stored, ConversationReference seen, Activity activity) =>
        stored is null ? seen : seen with
        {
            TenantId = seen.TenantId ?? stored.TenantId,
            TeamId = seen.TeamId ?? stored.TeamId,
            BotId = seen.BotId ?? stored.BotId,
            Kind = activity.Conversation?.ConversationType is null ? stored.Kind : seen.Kind,
        };

    private async Task RememberPersonalChatAsync(ConversationReference reference, Actor actor, CancellationToken ct)
    {
        var chat = new PersonalChat(actor.UserKey, reference.ConversationId, reference.ServiceUrl, reference.TenantId, actor.TeamsUserId, true);
        var (existing, etag) = await store.FindPersonalChatAsync(actor.UserKey, ct);
        // If another delivery wrote it at the same moment, either copy is right.
        if (existing != chat) await store.TrySavePersonalChatAsync(chat, existing is null ? default : etag, ct);
    }

    private async Task RememberUserAsync(UserReference user, CancellationToken ct)
    {
        var known = await store.FindUserAsync(user.UserKey, ct);
        var merged = known is null ? user : user with
        {
            TenantId = user.TenantId ?? known.TenantId,
            TeamsUserId = user.TeamsUserId ?? known.TeamsUserId,
        };
        if (merged != known) await store.SaveUserAsync(merged, ct);
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
