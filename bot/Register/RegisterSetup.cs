using TeamsSafeguarding.Cases;
using TeamsSafeguarding.Routing;

namespace TeamsSafeguarding.Register;

public static class RegisterSetup
{
    /// <summary>The board's register of cases (kept in step by every case command), "cases" and the case log viewer.</summary>
    public static IServiceCollection AddRegister(this IServiceCollection services)
    {
        services.AddSingleton<RegisterIndex>();
        services.AddSingleton<ICaseFollower>(sp => sp.GetRequiredService<RegisterIndex>());
        services.AddSingleton<BoardReaders>();
        services.AddSingleton<IBotFeature, RegisterFeature>();
        services.AddHostedService<RegisterBackfill>();
        return services;
    }
}
