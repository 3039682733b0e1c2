using TeamsSafeguarding.Escalation.Referrals;
using Microsoft.Extensions.Options;
using TeamsSafeguarding.Board;
using TeamsSafeguarding.Routing;

namespace TeamsSafeguarding.Referrals;

public static class ReferralsSetup
{
    /// <summary>The practitioner's referral journey, "Show details" and the draft sweep.</summary>
    public static IServiceCollection AddReferrals(this IServiceCollection services, IConfiguration config)
    {
        services.Configure<CaseReferenceOptions>(config.GetSection(CaseReferenceOptions.Section));
        services.AddSingleton(sp => sp.GetRequiredService<IOptions<BoardOptions>>().Value.ListedReferringAgencies());
        services.AddSingleton<CaseAccess>();
        services.AddSingleton<RepeatReferralSecret>();
        services.AddSingleton<ReferralSubmission>();
        services.AddSingleton<CaseDetails>();
        services.AddSingleton<ReferralsFeature>();
        services.AddSingleton<IBotFeature>(sp => sp.GetRequiredService<ReferralsFeature>());
        services.AddSingleton<DraftExpiry>();
        services.AddHostedService(sp => sp.GetRequiredService<DraftExpiry>());
        return services;
    }
}
