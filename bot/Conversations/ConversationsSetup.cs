namespace TeamsSafeguarding.Conversations;

public static class ConversationsSetup
{
    /// <summary>Where to reach people and channels later, and replies in the conversation a message came from.</summary>
    public static IServiceCollection AddConversations(this IServiceCollection services)
    {
        services.AddSingleton<ConversationStore>();
        services.AddSingleton<ConversationTracker>();
        services.AddSingleton<Replies>();
        return services;
    }
}
