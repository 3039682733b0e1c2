using TeamsSafeguarding.Routing;

namespace TeamsSafeguarding.Measures;

public static class MeasuresSetup
{
    /// <summary>The board's quarterly measures, the cases they are read from, and their chart.</summary>
    public static IServiceCollection AddMeasures(this IServiceCollection services)
    {
        services.AddSingleton<CaseHistories>();
        services.AddSingleton<MeasuresChart>();
        services.AddSingleton<MeasuresFeature>();
        services.AddSingleton<IBotFeature>(sp => sp.GetRequiredService<MeasuresFeature>());
        return services;
    }
}
