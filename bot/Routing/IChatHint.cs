using System.Text.Json.Nodes;

namespace TeamsSafeguarding.Routing;

/// <summary>
/// A more useful answer than the general hint to a message the bot did not understand, when a feature has one (e.g.
/// "you have a draft: resume it"). The first that answers wins; none, and the general hint is sent.
/// </summary>
public interface IChatHint
{
    Task<JsonObject?> CardForAsync(ChatMessage message, CancellationToken ct);
}
