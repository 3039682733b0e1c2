using System.Security.Claims;

namespace TeamsSafeguarding.Teams.Auth;

/// <summary>Decides whether an inbound request really comes from the Bot Connector for this bot.</summary>
public interface IInboundAuthenticator
{
    /// <param name="authorizationHeader">The raw Authorization header, or null when absent.</param>
    /// <param name="channelId">activity.channelId (for the endorsement check).</param>
    /// <param name="serviceUrl">activity.serviceUrl (must match the token's serviceurl claim).</param>
    /// <param name="tenantId">The activity's tenant (channelData.tenant.id or conversation.tenantId).</param>
    Task<AuthResult> AuthenticateAsync(string? authorizationHeader, string? channelId, string? serviceUrl,
        string? tenantId, CancellationToken cancellationToken);
}

/// <summary>Success carries the validated identity; failure carries a reason for the log (never shown to callers).</summary>
public sealed record AuthResult(bool Succeeded, ClaimsIdentity? Identity, string? FailureReason)
{
    public static AuthResult Success(ClaimsIdentity identity) => new(true, identity, null);
    public static AuthResult Fail(string reason) => new(false, null, reason);
}
