using TeamsSafeguarding.Partners;
using TeamsSafeguarding.Routing;

namespace TeamsSafeguarding.Triage;

public static class TriageSetup
{
    /// <summary>The board's side: the triage card's buttons, the statutory partners' card, its deadlines and the agreed response.</summary>
    public static IServiceCollection AddTriageAndPartners(this IServiceCollection services)
    {
        services.AddSingleton<MemberTeamsIds>();
        services.AddSingleton<PartnersCards>();
        services.AddSingleton<DecisionEffects>();
        services.AddSingleton<TriageFeature>();
        services.AddSingleton<PartnersFeature>();
        services.AddSingleton<IBotFeature>(sp => sp.GetRequiredService<TriageFeature>());
        services.AddSingleton<IBotFeature>(sp => sp.GetRequiredService<PartnersFeature>());
        services.AddSingleton<IBotFeature, BoardRolesCommand>();
        services.AddSingleton<IBotFeature, CaseCardCommand>();
        services.AddSingleton<AgreedResponseFeature>();
        services.AddSingleton<IBotFeature>(sp => sp.GetRequiredService<AgreedResponseFeature>());
        // Reminders before WD 5 and WD 10, and the decision at the end of WD 10.
        services.AddSingleton<PartnerDeadlines>();
        services.AddHostedService(sp => sp.GetRequiredService<PartnerDeadlines>());
        return services;
    }
}
