using TeamsSafeguarding.Teams;

namespace TeamsSafeguarding.Outbox;

/// <summary>Where an outbound message goes. Resolved when it is sent, not when it is queued, so a
/// conversation the bot learns about later (or whose serviceUrl changed) is still reached.</summary>
public enum TargetKind
{
    /// <summary>A conversation we already know by id (a personal chat, a group chat, a channel thread).</summary>
    Conversation,
    /// <summary>A new thread in a Teams channel (Id = channel id).</summary>
    Channel,
    /// <summary>A user's personal chat with the bot (Id = user key: Entra object id, else Teams id); created if needed.</summary>
    User,
    /// <summary>Replace a message we sent earlier (Id = the MessageKey it was sent under).</summary>
    Update,
}

public sealed record DeliveryTarget(TargetKind Kind, string Id)
{
    public static DeliveryTarget ToConversation(string conversationId) => new(TargetKind.Conversation, conversationId);
    public static DeliveryTarget ToChannel(string channelId) => new(TargetKind.Channel, channelId);
    public static DeliveryTarget ToUser(string userKey) => new(TargetKind.User, userKey);
    public static DeliveryTarget UpdateOf(string messageKey) => new(TargetKind.Update, messageKey);
}

/// <param name="MessageKey">Optional name to remember the sent message under, so it can be updated later
/// (e.g. "partners-card"). Scoped to the partition the message was queued in.</param>
public sealed record OutboundMessage(DeliveryTarget Target, Activity Activity, string? MessageKey = null);
