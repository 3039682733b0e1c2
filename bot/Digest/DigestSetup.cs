namespace TeamsSafeguarding.Digest;

public static class DigestSetup
{
    /// <summary>The coordinators' deadline digest each working day, and the personal reminders that go with it.</summary>
    public static IServiceCollection AddDigest(this IServiceCollection services)
    {
        services.AddSingleton<DigestSweep>();
        services.AddHostedService(sp => sp.GetRequiredService<DigestSweep>());
        return services;
    }
}
