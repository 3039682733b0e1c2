namespace TeamsSafeguarding.Teams;

/// <summary>Configuration section "Bot": who we are to the Bot Framework and what we accept.</summary>
public sealed class BotOptions
{
    public const string Section = "Bot";

    /// <summary>The Azure Bot's Microsoft App ID (the inbound token audience). Empty only in local development.</summary>
    public string? MicrosoftAppId { get; set; }
    /// <summary>
    /// How the Azure Bot's app is registered: "UserAssignedMSI" (the app is a user-assigned managed identity whose
    /// client id is MicrosoftAppId: no secret), or "SingleTenant"/"MultiTenant" or empty (an Entra app with
    /// MicrosoftAppPassword, single-tenant when MicrosoftAppTenantId is set).
    /// </summary>
    public string? MicrosoftAppType { get; set; }
    public string? MicrosoftAppPassword { get; set; }
    /// <summary>The bot's Entra tenant (single-tenant bots); "botframework.com" for legacy multi-tenant bots.</summary>
    public string? MicrosoftAppTenantId { get; set; }

    /// <summary>Tenants whose activities are accepted. Activities from any other tenant are refused.</summary>
    public List<string> AllowedTenantIds { get; set; } = [];

    public string OpenIdMetadataUrl { get; set; } = "https://login.botframework.com/v1/.well-known/openidconfiguration";
    public string TokenIssuer { get; set; } = "https://api.botframework.com";
    /// <summary>Authority for outbound tokens, e.g. https://login.microsoftonline.com/ (tenant appended).</summary>
    public string OutboundAuthority { get; set; } = "https://login.microsoftonline.com/";
    public string OutboundScope { get; set; } = "https://api.botframework.com/.default";

    /// <summary>Largest inbound activity accepted, in bytes.</summary>
    public int MaxRequestBytes { get; set; } = 256 * 1024;

    /// <summary>Activities handled at once; more wait in line, oldest first (Teams gives an invoke 15 s).</summary>
    public int MaxConcurrentActivities { get; set; } = 64;
    /// <summary>Activities that may wait in line; beyond that one is answered "busy, try again" at once.</summary>
    public int MaxQueuedActivities { get; set; } = 2000;

    public bool AuthenticationDisabled => string.IsNullOrWhiteSpace(MicrosoftAppId);

    public static class AppTypes
    {
        public const string UserAssignedMsi = "UserAssignedMSI";
        public const string SingleTenant = "SingleTenant";
        public const string MultiTenant = "MultiTenant";
    }
}
