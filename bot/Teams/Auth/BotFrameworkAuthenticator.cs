using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace TeamsSafeguarding.Teams.Auth;

/// <summary>
/// Validates the Bot Connector's token on every inbound activity (teams-bot-protocol.md 1.2, checks 1-7), then
/// the tenant allow-list. Any failure is a <see cref="AuthResult.Fail"/> whose reason names the check only:
/// never token contents or user data. Bad input never throws.
/// </summary>
public sealed class BotFrameworkAuthenticator : IInboundAuthenticator
{
    public static readonly IReadOnlyList<string> Algorithms = [SecurityAlgorithms.RsaSha256, SecurityAlgorithms.RsaSha384, SecurityAlgorithms.RsaSha512];
    public static readonly TimeSpan ClockSkew = TimeSpan.FromMinutes(5);

    private readonly string _appId;
    private readonly string _issuer;
    private readonly IReadOnlyCollection<string> _allowedTenantIds;
    private readonly SigningKeyCache _keys;
    private readonly JsonWebTokenHandler _handler = new();

    public BotFrameworkAuthenticator(BotOptions options, SigningKeyCache keys)
    {
        if (string.IsNullOrWhiteSpace(options.MicrosoftAppId))
            throw new ArgumentException("Bot:MicrosoftAppId is required to validate Bot Framework tokens.", nameof(options));
        if (string.IsNullOrWhiteSpace(options.TokenIssuer))
            throw new ArgumentException("Bot:TokenIssuer is required to validate Bot Framework tokens.", nameof(options));
        _appId = options.MicrosoftAppId;
        _issuer = options.TokenIssuer;
        _allowedTenantIds = options.AllowedTenantIds.ToArray();
        _keys = keys;
    }

    public async Task<AuthResult> AuthenticateAsync(string? authorizationHeader, string? channelId, string? serviceUrl,
        string? tenantId, CancellationToken cancellationToken)
    {
        // 1. Scheme.
        var token = BearerToken.FromHeader(authorizationHeader);
        if (token is null)
            return AuthResult.Fail(authorizationHeader is null ? "no Authorization header" : "Authorization header is not 'Bearer <token>'");
        var keyId = KeyIdOf(token);
        if (keyId is null) return AuthResult.Fail("the token is not a signed JWT with a key id");

        // 5 (key lookup). An unknown key id may be a key published since our last download: refresh once.
        var keys = await _keys.GetAsync(cancellationToken);
        if (keys is null) return AuthResult.Fail("the signing keys could not be downloaded");
        if (!keys.Has(keyId))
        {
            keys = await _keys.RefreshAsync(cancellationToken);
            if (keys is null || !keys.Has(keyId)) return AuthResult.Fail("the token's signing key is not published");
        }

        // 2-5. Issuer, audience, lifetime, signature (only with the key the token names).
        TokenValidationResult validation;
        try
        {
            validation = await _handler.ValidateTokenAsync(token, ParametersFor(keys.KeysFor(keyId)));
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            return AuthResult.Fail($"token validation failed ({ex.GetType().Name})");
        }
        if (!validation.IsValid)
            return AuthResult.Fail($"the token is not valid ({validation.Exception?.GetType().Name ?? "unknown reason"})");

        // 6. Endorsement of the signing key for this channel.
        if (!keys.HasEndorsements(keyId)) return AuthResult.Fail("the signing key has no endorsements");
        if (!keys.IsEndorsed(keyId, channelId)) return AuthResult.Fail("the signing key is not endorsed for the activity's channel");

        // 7. The token was issued for the service URL the activity tells us to reply to.
        if (validation.SecurityToken is not JsonWebToken jwt
            || !jwt.TryGetPayloadValue<string>("serviceurl", out var claimedServiceUrl)
            || string.IsNullOrEmpty(claimedServiceUrl))
            return AuthResult.Fail("the token has no serviceurl claim");
        if (!string.Equals(claimedServiceUrl, serviceUrl, StringComparison.OrdinalIgnoreCase))
            return AuthResult.Fail("the token's serviceurl does not match the activity's serviceUrl");

        if (!TenantAllowList.Allows(_allowedTenantIds, tenantId))
            return AuthResult.Fail("tenant not allowed");

        return AuthResult.Success(validation.ClaimsIdentity);
    }

    private string? KeyIdOf(string token)
    {
        if (!_handler.CanReadToken(token)) return null;
        try
        {
            var kid = new JsonWebToken(token).Kid;
            return string.IsNullOrEmpty(kid) ? null : kid;
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            return null;
        }
    }

    private TokenValidationParameters ParametersFor(IReadOnlyList<SecurityKey> signingKeys) => new()
    {
        ValidateIssuer = true,
        ValidIssuer = _issuer,
        ValidateAudience = true,
        RequireAudience = true,
        ValidAudience = _appId,
        IgnoreTrailingSlashWhenValidatingAudience = false,
        // Microsoft.IdentityModel checks nbf/exp against the system clock (its TimeProvider hook is not public).
        ValidateLifetime = true,
        RequireExpirationTime = true,
        ClockSkew = ClockSkew,
        RequireSignedTokens = true,
        IssuerSigningKeys = signingKeys,
        // Only the key named by kid: its endorsements are the ones checked.
        TryAllIssuerSigningKeys = false,
        ValidAlgorithms = Algorithms,
    };
}
