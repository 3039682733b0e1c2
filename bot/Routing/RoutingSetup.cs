using TeamsSafeguarding.Teams;

namespace TeamsSafeguarding.Routing;

public static class RoutingSetup
{
    /// <summary>The bot's front door: every registered <see cref="IBotFeature"/> is put in front of people.</summary>
    public static IServiceCollection AddSafeguardingBot(this IServiceCollection services)
    {
        services.AddSingleton<IBot, SafeguardingBot>();
        return services;
    }
}
