using TeamsSafeguarding.Storage;

namespace TeamsSafeguarding.Outbox;

public static class OutboxSetup
{
    /// <summary>Transactions that queue messages with the state change, and the dispatcher that sends them.</summary>
    public static IServiceCollection AddOutbox(this IServiceCollection services, IConfiguration config)
    {
        services.Configure<OutboxOptions>(config.GetSection(OutboxOptions.Section));
        services.AddSingleton<OutboxSignal>();
        services.AddSingleton<Transactions>();
        services.AddSingleton<DeliveryTargets>();
        services.AddSingleton<OutboxDispatcher>();
        services.AddHostedService(sp => sp.GetRequiredService<OutboxDispatcher>());
        return services;
    }
}
