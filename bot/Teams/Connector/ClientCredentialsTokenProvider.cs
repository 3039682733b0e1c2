using Azure.Core;
using Azure.Identity;

namespace TeamsSafeguarding.Teams.Connector;

/// <summary>The bot's own app-only token for the Connector (OAuth client credentials against Entra ID).</summary>
public sealed class ClientCredentialsTokenProvider(TokenCredential credential, string scope) : IConnectorTokenProvider
{
    /// <summary>Tenant for bots registered as multi-tenant (legacy): tokens come from the botframework.com tenant.</summary>
    public const string MultiTenantAuthority = "botframework.com";

    public async ValueTask<ConnectorToken?> GetTokenAsync(CancellationToken ct)
    {
        var token = await credential.GetTokenAsync(new TokenRequestContext([scope]), ct);
        return new ConnectorToken(token.Token, token.ExpiresOn);
    }

    /// <summary>
    /// The managed identity's own token when the bot's app is a user-assigned managed identity (no secret); else a
    /// client-secret credential for the configured app, stopping start-up with a clear message if the secret is missing.
    /// </summary>
    public static ClientCredentialsTokenProvider FromOptions(BotOptions options)
    {
        if (string.IsNullOrWhiteSpace(options.MicrosoftAppId))
            throw new InvalidOperationException("Bot:MicrosoftAppId is not set, so there is no app to get Connector tokens for.");
        if (string.Equals(options.MicrosoftAppType, BotOptions.AppTypes.UserAssignedMsi, StringComparison.OrdinalIgnoreCase))
            return new ClientCredentialsTokenProvider(
                new ManagedIdentityCredential(ManagedIdentityId.FromUserAssignedClientId(options.MicrosoftAppId)), options.OutboundScope);
        if (string.IsNullOrWhiteSpace(options.MicrosoftAppPassword))
            throw new InvalidOperationException(
                "Bot:MicrosoftAppPassword is not set. The bot needs its client secret to get tokens for sending messages to Teams.");
        if (!Uri.TryCreate(options.OutboundAuthority, UriKind.Absolute, out var authority))
            throw new InvalidOperationException("Bot:OutboundAuthority must be an absolute URL such as https://login.microsoftonline.com/.");

        var tenant = string.IsNullOrWhiteSpace(options.MicrosoftAppTenantId) ? MultiTenantAuthority : options.MicrosoftAppTenantId;
        var credential = new ClientSecretCredential(tenant, options.MicrosoftAppId, options.MicrosoftAppPassword,
            new ClientSecretCredentialOptions { AuthorityHost = authority });
        return new ClientCredentialsTokenProvider(credential, options.OutboundScope);
    }
}
