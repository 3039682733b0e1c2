using System.Security.Claims;

namespace TeamsSafeguarding.Teams.Auth;

/// <summary>
/// Local development only (no app id AND the Development environment; see AuthenticationSetup): accepts
/// requests without an Authorization header, like the Bot Framework SDK with an empty app id, because the
/// Agents Playground sends none. A request that does carry a token is refused: we cannot validate it.
/// The tenant allow-list still applies.
/// </summary>
public sealed class LocalDevelopmentAuthenticator(IReadOnlyCollection<string> allowedTenantIds) : IInboundAuthenticator
{
    public Task<AuthResult> AuthenticateAsync(string? authorizationHeader, string? channelId, string? serviceUrl,
        string? tenantId, CancellationToken cancellationToken)
    {
        if (!string.IsNullOrEmpty(authorizationHeader))
            return Task.FromResult(AuthResult.Fail("a token was sent but no app id is configured to validate it"));
        if (!TenantAllowList.Allows(allowedTenantIds, tenantId))
            return Task.FromResult(AuthResult.Fail("tenant not allowed"));
        var identity = new ClaimsIdentity(authenticationType: "anonymous");
        return Task.FromResult(AuthResult.Success(identity));
    }
}

public static class TenantAllowList
{
    /// <summary>Fail closed: an empty list allows nobody.</summary>
    public static bool Allows(IReadOnlyCollection<string> allowed, string? tenantId) =>
        !string.IsNullOrEmpty(tenantId) && allowed.Contains(tenantId, StringComparer.OrdinalIgnoreCase);
}
