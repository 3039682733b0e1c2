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
        throw new NotImplementedException("BotFrameworkAuthenticator is being written (issue 2).");
    }
}
