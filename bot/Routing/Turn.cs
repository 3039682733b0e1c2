using System.Text.Json.Nodes;
using TeamsSafeguarding.Conversations;
using TeamsSafeguarding.Teams;

namespace TeamsSafeguarding.Routing;

/// <summary>The person acting: UserKey is the stable id used for roles, drafts and the case log.</summary>
public sealed record Actor(string UserKey, string? TeamsUserId, string? Name, string? TenantId)
{
    public static Actor? From(Activity activity) =>
        Conversations.UserKey.Of(activity.From) is { } key ? new Actor(key, activity.From?.Id, activity.From?.Name, activity.TenantId) : null;
}

/// <summary>A typed chat message, with the bot's @mention removed and whitespace tidied.</summary>
public sealed record ChatMessage(Activity Activity, Actor Actor, string Text)
{
    public bool IsPersonal => Activity.Conversation?.ConversationType is null or "personal";
    public string ConversationId => Activity.Conversation?.Id ?? "";
}

/// <summary>An Action.Execute click (or an automatic refresh) on one of our cards.</summary>
public sealed record CardAction(Activity Activity, Actor Actor, string Verb, JsonObject Data, bool IsAutomaticRefresh)
{
    public string? ReplyToId => Activity.ReplyToId;
    public string ConversationId => Activity.Conversation?.Id ?? "";
    public bool IsPersonal => Activity.Conversation?.ConversationType is null or "personal";

    public string? GetString(string key) => Data.TryGetPropertyValue(key, out var v) && v is JsonValue value
        ? value.ToString()
        : null;
}
