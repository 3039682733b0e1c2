using TeamsSafeguarding.Board;
using TeamsSafeguarding.Routing;

namespace TeamsSafeguarding.Triage;

public static class TriageSetup
{
    /// <summary>The coordinators' side: the triage card and its buttons, "roles", and "case SAB-…" to bring a card back.</summary>
    public static IServiceCollection AddTriage(this IServiceCollection services)
    {
        services.AddSingleton<DeputyAbsenceStore>();
        services.AddSingleton<ReceivedReferralNotice>();
        services.AddSingleton<TriageFeature>();
        services.AddSingleton<IBotFeature>(sp => sp.GetRequiredService<TriageFeature>());
        services.AddSingleton<IBotFeature, BoardRolesCommand>();
        services.AddSingleton<IBotFeature, CaseCardCommand>();
        services.AddSingleton<IBotFeature, DeputyAbsenceFeature>();
        return services;
    }
}
