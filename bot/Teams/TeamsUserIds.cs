namespace TeamsSafeguarding.Teams;

/// <summary>
/// Teams user ids ("29:…"): what a card's refresh.userIds and a mention need, as opposed to Entra object ids
/// (teams-bot-protocol.md 2.4 and 4.1).
/// </summary>
public static class TeamsUserIds
{
    public static bool IsTeamsUserId(string? id) => id is { Length: > 3 } && id.StartsWith("29:", StringComparison.Ordinal);
}
