using TeamsSafeguarding.Routing;

namespace TeamsSafeguarding.Welcome;

public static class WelcomeSetup
{
    /// <summary>The welcome card, help, and the hint for anything the bot does not understand.</summary>
    public static IServiceCollection AddWelcome(this IServiceCollection services)
    {
        services.AddSingleton<WelcomeFeature>();
        services.AddSingleton<IBotFeature>(sp => sp.GetRequiredService<WelcomeFeature>());
        services.AddSingleton<IChatReplies>(sp => sp.GetRequiredService<WelcomeFeature>());
        return services;
    }
}
