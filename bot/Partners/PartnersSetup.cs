using TeamsSafeguarding.Routing;

namespace TeamsSafeguarding.Partners;

public static class PartnersSetup
{
    /// <summary>The statutory partners' card, their views and decision, its deadlines, and the agreed response.</summary>
    public static IServiceCollection AddPartners(this IServiceCollection services)
    {
        services.AddSingleton<MemberTeamsIds>();
        services.AddSingleton<PartnersRoster>();
        services.AddSingleton<PartnersCards>();
        services.AddSingleton<PartnersClock>();
        services.AddSingleton<PartnersRound>();
        services.AddSingleton<DecisionEffects>();
        services.AddSingleton<PartnersFeature>();
        services.AddSingleton<IBotFeature>(sp => sp.GetRequiredService<PartnersFeature>());
        services.AddSingleton<AgreedResponseFeature>();
        services.AddSingleton<IBotFeature>(sp => sp.GetRequiredService<AgreedResponseFeature>());
        // Reminders before WD 5 and WD 10, and the decision at the end of WD 10.
        services.AddSingleton<PartnerDeadlines>();
        services.AddHostedService(sp => sp.GetRequiredService<PartnerDeadlines>());
        return services;
    }
}
