using TeamsSafeguarding.Teams.Auth;
using TeamsSafeguarding.Teams.Connector;

namespace TeamsSafeguarding.Teams;

public static class TeamsSetup
{
    /// <summary>The Teams protocol layer: who may call us (inbound tokens) and how we call back (the Connector).</summary>
    public static IServiceCollection AddTeamsProtocol(this IServiceCollection services, IConfiguration config, IHostEnvironment environment)
    {
        var botOptions = config.GetSection(BotOptions.Section).Get<BotOptions>() ?? new BotOptions();
        services.Configure<BotOptions>(config.GetSection(BotOptions.Section));
        services.AddInboundAuthentication(botOptions, environment);
        services.AddConnectorClient();
        services.AddSingleton<InboundQueue>();
        return services;
    }
}
