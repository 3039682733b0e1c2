using TeamsSafeguarding.Partners;
using TeamsSafeguarding.Routing;

namespace TeamsSafeguarding.Triage;

public static class TriageSetup
{
    /// <summary>The board's side: the triage card's buttons and the statutory partners' card.</summary>
    public static IServiceCollection AddTriageAndPartners(this IServiceCollection services)
    {
        services.AddSingleton<PartnersCards>();
        services.AddSingleton<TriageFeature>();
        services.AddSingleton<PartnersFeature>();
        services.AddSingleton<IBotFeature>(sp => sp.GetRequiredService<TriageFeature>());
        services.AddSingleton<IBotFeature>(sp => sp.GetRequiredService<PartnersFeature>());
        services.AddSingleton<IBotFeature, BoardRolesCommand>();
        return services;
    }
}
