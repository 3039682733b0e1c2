using TeamsSafeguarding.Referrals;
using TeamsSafeguarding.Triage;

namespace TeamsSafeguarding.Routing;

public static class BotFeatures
{
    /// <summary>Every capability the bot offers. Add a feature here to put it in front of people.</summary>
    public static IServiceCollection AddBotFeatures(this IServiceCollection services)
    {
        services.AddSingleton<Welcome.WelcomeFeature>();
        services.AddSingleton<IBotFeature>(sp => sp.GetRequiredService<Welcome.WelcomeFeature>());
        services.AddSingleton<IChatReplies>(sp => sp.GetRequiredService<Welcome.WelcomeFeature>());
        services.AddSingleton<ReceivedReferralNotice>();
        services.AddReferrals();
        services.AddTriageAndPartners();
        return services;
    }
}
