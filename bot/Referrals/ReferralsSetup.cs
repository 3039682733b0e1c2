using Microsoft.Extensions.Options;
using TeamsSafeguarding.Board;
using TeamsSafeguarding.Routing;

namespace TeamsSafeguarding.Referrals;

public static class ReferralsSetup
{
    /// <summary>The referral journey, "Show details" and the draft sweep. Needs CaseStore, BoardDirectory,
    /// ReceivedReferralNotice, RiskBandScheme, CaseReferenceOptions, Replies and TimeProvider registered.</summary>
    public static IServiceCollection AddReferrals(this IServiceCollection services)
    {
        services.AddSingleton(sp => sp.GetRequiredService<IOptions<BoardOptions>>().Value.ListedReferringAgencies());
        services.AddSingleton<CaseAccess>();
        services.AddSingleton<ReferralSubmission>();
        services.AddSingleton<CaseDetails>();
        services.AddSingleton<ReferralsFeature>();
        services.AddSingleton<IBotFeature>(sp => sp.GetRequiredService<ReferralsFeature>());
        services.AddSingleton<DraftExpiry>();
        services.AddHostedService(sp => sp.GetRequiredService<DraftExpiry>());
        return services;
    }
}
