namespace TeamsSafeguarding.Routing;

/// <summary>The answer to something the bot does not understand (implemented by the Welcome feature).</summary>
public interface IChatReplies
{
    Task HintAsync(ChatMessage message, CancellationToken ct);
}
