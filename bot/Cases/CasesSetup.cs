using TeamsSafeguarding.Scheduling;

namespace TeamsSafeguarding.Cases;

public static class CasesSetup
{
    /// <summary>Case files: reading them, and the one command pipeline that changes them.</summary>
    public static IServiceCollection AddCaseFiles(this IServiceCollection services, IConfiguration config)
    {
        services.Configure<CaseCommandOptions>(config.GetSection(CaseCommandOptions.Section));
        services.AddSingleton<CaseStore>();
        services.AddSingleton<CaseCommands>();
        services.AddScheduling();
        return services;
    }
}
