using TeamsSafeguarding.Teams;

namespace TeamsSafeguarding.Conversations;

public static class UserKey
{
    /// <summary>The stable key for a person: their Entra object id (the same for every bot), else the Teams id.</summary>
    public static string? Of(ChannelAccount? account) =>
        !string.IsNullOrWhiteSpace(account?.AadObjectId) ? account!.AadObjectId : account?.Id;
}
