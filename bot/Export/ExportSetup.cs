using TeamsSafeguarding.Routing;

namespace TeamsSafeguarding.Export;

public static class ExportSetup
{
    /// <summary>The case log export to a coordinator's or auditor's OneDrive, through Teams' file consent.</summary>
    public static IServiceCollection AddExport(this IServiceCollection services, IConfiguration config)
    {
        services.Configure<ExportOptions>(config.GetSection(ExportOptions.Section));
        services.AddHttpClient(ExportFeature.HttpClientName, c => c.Timeout = TimeSpan.FromSeconds(60));
        services.AddSingleton<ExportRequests>();
        services.AddSingleton<IBotFeature, ExportFeature>();
        return services;
    }
}
