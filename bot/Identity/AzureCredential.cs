using Azure.Core;
using Azure.Identity;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace TeamsSafeguarding.Identity;

/// <summary>
/// The bot's one Azure identity, registered as <see cref="TokenCredential"/> for everything that calls Azure with it:
/// Table Storage (when no connection string is set), Application Insights, Microsoft Graph. In Azure that is the
/// user-assigned managed identity named by AZURE_CLIENT_ID (the Bicep sets it); elsewhere DefaultAzureCredential
/// (e.g. a developer's `az login`). Nothing asks for a token until a client first needs one.
/// </summary>
public static class AzureCredential
{
    /// <summary>The standard Azure SDK setting for a user-assigned managed identity's client id.</summary>
    public const string ManagedIdentityClientIdKey = "AZURE_CLIENT_ID";

    public static IServiceCollection AddAzureCredential(this IServiceCollection services, IConfiguration configuration)
    {
        services.TryAddSingleton(_ => For(configuration[ManagedIdentityClientIdKey]));
        return services;
    }

    public static TokenCredential For(string? managedIdentityClientId) =>
        string.IsNullOrWhiteSpace(managedIdentityClientId)
            ? new DefaultAzureCredential(new DefaultAzureCredentialOptions { ExcludeInteractiveBrowserCredential = true })
            : new ManagedIdentityCredential(ManagedIdentityId.FromUserAssignedClientId(managedIdentityClientId));
}
