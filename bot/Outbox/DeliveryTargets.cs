using TeamsSafeguarding.Conversations;
using TeamsSafeguarding.Teams;
using TeamsSafeguarding.Teams.Connector;

namespace TeamsSafeguarding.Outbox;

/// <summary>
/// Sends one outbound message to where it should go. Returns the posted message's location so it can be
/// updated later. Throws ConnectorException (from the client) or UndeliverableException (nowhere to send).
/// </summary>
public sealed class DeliveryTargets(IConnectorClient connector, ConversationStore conversations,
    Microsoft.Extensions.Options.IOptions<BotOptions> bot)
{
    public sealed record Posted(string ServiceUrl, string ConversationId, string ActivityId);

    public async Task<Posted?> DeliverAsync(OutboundMessage message, Posted? previous, CancellationToken ct)
    {
        var activity = message.Activity;
        activity.Type ??= ActivityTypes.Message;
        switch (message.Target.Kind)
        {
            case TargetKind.Conversation:
            {
                var serviceUrl = await ServiceUrlForAsync(message.Target.Id, ct);
                var sent = await connector.SendToConversationAsync(serviceUrl, message.Target.Id, activity, ct);
                return new Posted(serviceUrl, message.Target.Id, sent.Id ?? "");
            }
            case TargetKind.Channel:
            {
                var serviceUrl = await ServiceUrlForAsync(message.Target.Id, ct);
                var created = await connector.CreateConversationAsync(serviceUrl, ConversationParameters.NewChannelThread(message.Target.Id, activity), ct);
                var activityId = created.ActivityId ?? "";
                var thread = created.Id ?? $"{message.Target.Id};messageid={activityId}";
                return new Posted(created.ServiceUrl ?? serviceUrl, thread, activityId);
            }
            case TargetKind.User:
            {
                var (chat, _) = await conversations.FindPersonalChatAsync(message.Target.Id, ct);
                if (chat is not { Installed: true })
                    chat = await OpenPersonalChatAsync(message.Target.Id, chat, ct);
                var sent = await connector.SendToConversationAsync(chat.ServiceUrl, chat.ConversationId, activity, ct);
                return new Posted(chat.ServiceUrl, chat.ConversationId, sent.Id ?? "");
            }
            case TargetKind.Update:
            {
                if (previous is null)
                    throw new UndeliverableException("NothingToUpdate", "The message to update was never sent.");
                activity.Id = previous.ActivityId;
                await connector.UpdateActivityAsync(previous.ServiceUrl, previous.ConversationId, previous.ActivityId, activity, ct);
                return previous;
            }
            default:
                throw new UndeliverableException("UnknownTarget", "Unknown target kind.");
        }
    }

    /// <summary>
    /// Teams returns the existing 1:1 chat if there is one (the person must have the app). The chat is opened in the
    /// person's own tenant: from their (removed) personal chat, else from where the bot last saw them; when the bot
    /// has never seen them, only an unambiguous tenant will do (the one allowed tenant, or the one tenant it has
    /// had traffic from). Otherwise the message is undeliverable rather than sent to a guessed tenant.
    /// </summary>
    private async Task<PersonalChat> OpenPersonalChatAsync(string userKey, PersonalChat? removed, CancellationToken ct)
    {
        var seen = removed?.TenantId is null ? await conversations.FindUserAsync(userKey, ct) : null;
        var tenantId = removed?.TenantId ?? seen?.TenantId ?? await OnlyTenantAsync(ct)
            ?? throw new UndeliverableException("UnknownTenant",
                "The bot has never seen this person and serves more than one tenant, so it cannot tell which tenant to open a chat in.");
        var serviceUrl = removed?.ServiceUrl ?? seen?.ServiceUrl ?? await conversations.FindServiceUrlAsync(tenantId, ct)
            ?? throw new UndeliverableException("NoServiceUrl", "The bot has not been installed anywhere yet.");
        var memberId = removed?.TeamsUserId ?? seen?.TeamsUserId ?? userKey;
        var botId = string.IsNullOrEmpty(bot.Value.MicrosoftAppId) ? null : "28:" + bot.Value.MicrosoftAppId;
        var created = await connector.CreateConversationAsync(serviceUrl, ConversationParameters.PersonalChat(botId, memberId, tenantId), ct);
        if (string.IsNullOrEmpty(created.Id))
            throw new UndeliverableException("NoChatCreated", "Teams did not open a chat with the person.");
        var chat = new PersonalChat(userKey, created.Id, created.ServiceUrl ?? serviceUrl, tenantId,
            memberId == userKey ? null : memberId, true);
        await conversations.SavePersonalChatAsync(chat, ct);
        return chat;
    }

    private async Task<string?> OnlyTenantAsync(CancellationToken ct)
    {
        if (bot.Value.AllowedTenantIds is [var allowed]) return allowed;
        var known = await conversations.KnownTenantsAsync(ct);
        return known.Count == 1 ? known[0] : null;
    }

    private async Task<string> ServiceUrlForAsync(string conversationId, CancellationToken ct)
    {
        var (reference, _) = await conversations.FindAsync(conversationId, ct);
        if (reference is not null) return reference.ServiceUrl;
        // A channel we were never mentioned in: the team's serviceUrl is the tenant's.
        return await conversations.FindServiceUrlAsync(null, ct)
            ?? throw new UndeliverableException("NoServiceUrl", "The bot has not been installed anywhere yet.");
    }
}

/// <summary>A message that cannot be delivered however often we retry (no chat with that person, etc.).</summary>
public sealed class UndeliverableException(string code, string message) : Exception(message)
{
    public string Code { get; } = code;
}
