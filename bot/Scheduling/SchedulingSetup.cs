namespace TeamsSafeguarding.Scheduling;

public static class SchedulingSetup
{
    /// <summary>Scheduled work by due time (reminders, deadlines, expiries, digests).</summary>
    public static IServiceCollection AddScheduling(this IServiceCollection services)
    {
        services.AddSingleton<DueIndex>();
        services.AddSingleton<DueWork>();
        return services;
    }
}
