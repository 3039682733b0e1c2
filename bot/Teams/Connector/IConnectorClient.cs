namespace TeamsSafeguarding.Teams.Connector;

/// <summary>
/// The Bot Connector REST API (v3) for the operations the bot needs. Every call takes the serviceUrl
/// of the conversation, because it differs by region and can change.
/// Failures after bounded retries throw <see cref="ConnectorException"/>.
/// </summary>
public interface IConnectorClient
{
    Task<ResourceResponse> SendToConversationAsync(string serviceUrl, string conversationId, Activity activity, CancellationToken ct);
    Task<ResourceResponse> ReplyToActivityAsync(string serviceUrl, string conversationId, string activityId, Activity activity, CancellationToken ct);
    Task<ResourceResponse> UpdateActivityAsync(string serviceUrl, string conversationId, string activityId, Activity activity, CancellationToken ct);
    Task DeleteActivityAsync(string serviceUrl, string conversationId, string activityId, CancellationToken ct);
    Task<ConversationResourceResponse> CreateConversationAsync(string serviceUrl, ConversationParameters parameters, CancellationToken ct);
}

public sealed record ResourceResponse(string? Id);

public sealed record ConversationResourceResponse(string? Id, string? ActivityId, string? ServiceUrl);

public sealed class ConversationParameters
{
    public bool IsGroup { get; set; }
    public ChannelAccount? Bot { get; set; }
    public List<ChannelAccount>? Members { get; set; }
    public string? TenantId { get; set; }
    public Activity? Activity { get; set; }
    public TeamsChannelData? ChannelData { get; set; }
}

/// <summary>A Connector call that failed for good (after retries, or at once for non-retryable errors).</summary>
public sealed class ConnectorException(int statusCode, string? errorCode, string message)
    : Exception(message)
{
    public int StatusCode { get; } = statusCode;
    public string? ErrorCode { get; } = errorCode;

    /// <summary>
    /// Errors that will not go away by retrying: the bot was removed, the user blocked it, the
    /// conversation no longer exists, or the request itself is wrong.
    /// </summary>
    public bool IsPermanent => StatusCode is 400 or 401 or 403 or 404 or 413;
}
