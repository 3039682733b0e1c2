using TeamsSafeguarding.Cases;
using TeamsSafeguarding.Routing;

namespace TeamsSafeguarding.Retention;

public static class RetentionSetup
{
    /// <summary>Closed cases deleted after the board's retention period, legal holds, and the tombstones left behind.</summary>
    public static IServiceCollection AddRetention(this IServiceCollection services)
    {
        services.AddSingleton<ICaseFollower, RetentionClock>();
        services.AddSingleton<Tombstones>();
        services.AddSingleton<IBotFeature, LegalHoldCommand>();
        services.AddSingleton<RetentionSweep>();
        services.AddHostedService(sp => sp.GetRequiredService<RetentionSweep>());
        return services;
    }
}
