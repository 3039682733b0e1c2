using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace TeamsSafeguarding.Teams.Connector;

public static class ConnectorSetup
{
    /// <summary>
    /// Registers <see cref="IConnectorClient"/> (singleton over a named HttpClient) and its token provider, read from
    /// <c>IOptions&lt;BotOptions&gt;</c>: no token when authentication is disabled (local Playground), else a cached
    /// client-credentials token. Registrations made before this call (TimeProvider, IConnectorTokenProvider) win.
    /// </summary>
    public static IServiceCollection AddConnectorClient(this IServiceCollection services)
    {
        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton<IConnectorTokenProvider>(sp =>
        {
            var bot = sp.GetRequiredService<IOptions<BotOptions>>().Value;
            if (bot.AuthenticationDisabled) return new NoConnectorToken();
            return new CachedConnectorTokenProvider(ClientCredentialsTokenProvider.FromOptions(bot), sp.GetRequiredService<TimeProvider>());
        });
        services.AddHttpClient(ConnectorClient.HttpClientName, http => http.Timeout = TimeSpan.FromSeconds(30))
            // A redirect must not carry the bot's token to another host.
            .ConfigurePrimaryHttpMessageHandler(() => new SocketsHttpHandler { AllowAutoRedirect = false });
        services.TryAddSingleton<IConnectorClient, ConnectorClient>();
        return services;
    }
}
