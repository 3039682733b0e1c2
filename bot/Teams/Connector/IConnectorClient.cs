namespace TeamsSafeguarding.Teams.Connector;

/// <summary>
/// The Bot Connector REST API (v3) for the operations the bot needs. Every call takes the serviceUrl
/// of the conversation, because it differs by region and can change.
/// Each call is one attempt; a failure throws <see cref="ConnectorException"/>.
/// </summary>
public interface IConnectorClient
{
    Task<ResourceResponse> SendToConversationAsync(string serviceUrl, string conversationId, Activity activity, CancellationToken ct);
    Task<ResourceResponse> ReplyToActivityAsync(string serviceUrl, string conversationId, string activityId, Activity activity, CancellationToken ct);
    Task<ResourceResponse> UpdateActivityAsync(string serviceUrl, string conversationId, string activityId, Activity activity, CancellationToken ct);
    Task DeleteActivityAsync(string serviceUrl, string conversationId, string activityId, CancellationToken ct);
    Task<ConversationResourceResponse> CreateConversationAsync(string serviceUrl, ConversationParameters parameters, CancellationToken ct);
    /// <summary>
    /// One page of a conversation's members (a team's roster, by any of its channel ids, or a chat's); pass the last
    /// page's continuation token for the next. (The unpaged GET …/members is deprecated in Teams and limited to 5 a minute.)
    /// </summary>
    Task<PagedMembers> GetPagedMembersAsync(string serviceUrl, string conversationId, string? continuationToken, CancellationToken ct);
}

/// <summary>A page of members: no continuation token on the last page.</summary>
public sealed record PagedMembers(IReadOnlyList<TeamsMember>? Members, string? ContinuationToken);

/// <summary>
/// A member as Teams lists them: their Teams id ("29:…"), Entra object id (Teams names it "aadObjectId"; the Agents
/// Playground "objectId"), email and user principal name (which Teams may leave out).
/// </summary>
public sealed record TeamsMember
{
    public string? Id { get; init; }
    public string? AadObjectId { get; init; }
    public string? ObjectId { get; init; }
    public string? Email { get; init; }
    public string? UserPrincipalName { get; init; }

    public string? EntraObjectId => AadObjectId ?? ObjectId;

    /// <summary>The key the bot knows people by: the Entra object id, else the Teams id.</summary>
    public string? UserKey => EntraObjectId ?? Id;
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

    /// <summary>A new thread in a Teams channel, opened by <paramref name="first"/> (the bot must be in the team).</summary>
    public static ConversationParameters NewChannelThread(string channelId, Activity first) => new()
    {
        IsGroup = true,
        ChannelData = new TeamsChannelData { Channel = new IdAndName { Id = channelId } },
        Activity = first,
    };

    /// <summary>
    /// The 1:1 chat between the bot ("28:&lt;appId&gt;", or null when unauthenticated locally) and one person
    /// ("29:..." id or AAD object id). Teams returns the existing chat if there is one.
    /// </summary>
    public static ConversationParameters PersonalChat(string? botId, string memberId, string tenantId) => new()
    {
        IsGroup = false,
        Bot = botId is null ? null : new ChannelAccount { Id = botId },
        Members = [new ChannelAccount { Id = memberId }],
        TenantId = tenantId,
        ChannelData = new TeamsChannelData { Tenant = new IdAndName { Id = tenantId } },
    };
}

/// <summary>
/// A Connector call that failed. <see cref="StatusCode"/> is 0 when no HTTP answer came back (network failure or timeout).
/// The message names the operation, status and Teams error code only, never the request or response body.
/// </summary>
public sealed class ConnectorException(int statusCode, string? errorCode, string message, Exception? innerException = null,
    TimeSpan? retryAfter = null)
    : Exception(message, innerException)
{
    public int StatusCode { get; } = statusCode;
    public string? ErrorCode { get; } = errorCode;

    /// <summary>How long the Connector asked us to wait (its Retry-After on the last answer), when it said.</summary>
    public TimeSpan? RetryAfter { get; } = retryAfter;

    /// <summary>
    /// Errors that will not go away by retrying: the bot was removed, the user blocked it, the
    /// conversation no longer exists, the request itself is wrong, or the Connector does not offer the
    /// operation at all (501: the Agents Playground answers DELETE this way).
    /// </summary>
    public bool IsPermanent => StatusCode is 400 or 401 or 403 or 404 or 413 or 501;
}
