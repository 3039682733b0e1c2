using Microsoft.Extensions.Logging.Abstractions;

namespace TeamsSafeguarding.Teams.Auth;

public static class AuthenticationSetup
{
    /// <summary>
    /// Real token validation whenever an app id is configured. Without one, only the Development
    /// environment may run (unauthenticated, for the Agents Playground); anywhere else start-up stops.
    /// </summary>
    public static IServiceCollection AddInboundAuthentication(this IServiceCollection services, BotOptions options,
        IHostEnvironment environment)
    {
        if (options.AuthenticationDisabled)
        {
            if (!environment.IsDevelopment())
                throw new InvalidOperationException(
                    "Bot:MicrosoftAppId is not set. Inbound requests cannot be authenticated without it, and " +
                    $"unauthenticated mode is only for local development (environment is '{environment.EnvironmentName}'). " +
                    "Set Bot:MicrosoftAppId (and Bot:MicrosoftAppPassword, Bot:MicrosoftAppTenantId) and start again.");
            services.AddSingleton<IInboundAuthenticator>(new LocalDevelopmentAuthenticator(options.AllowedTenantIds));
            return services;
        }

        // Singletons: the key cache is shared by every request and refreshed in place.
        services.AddSingleton(sp =>
        {
            var http = new HttpClient { Timeout = TimeSpan.FromSeconds(10) };
            return new SigningKeyCache(options.OpenIdMetadataUrl,
                SigningKeyCache.DocumentRetrieverFor(options.OpenIdMetadataUrl, http),
                sp.GetService<TimeProvider>() ?? TimeProvider.System,
                sp.GetService<ILogger<SigningKeyCache>>() ?? NullLogger<SigningKeyCache>.Instance);
        });
        services.AddSingleton<IInboundAuthenticator>(sp =>
            new BotFrameworkAuthenticator(options, sp.GetRequiredService<SigningKeyCache>()));
        return services;
    }
}
