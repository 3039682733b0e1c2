namespace TeamsSafeguarding.Board;

/// <summary>
/// A change of the board's roles in words for a channel card: counts, not ids ("added to Chairs: 1 person"),
/// because the card is read by everyone in the channel and the ids mean nothing to them.
/// </summary>
public static class RoleChangeWords
{
    public static IReadOnlyList<string> Of(RoleChange change)
    {
        var role = RoleName(change);
        if (change.Key == BoardRoleHolders.TieBreakKey)
            return [change.Added.Count > 0 ? $"casting decision now by {TieBreaker(change.Added[0])}" : "casting decision by nobody"];
        switch (change.Kind)
        {
            case RoleChangeKind.NewRole: return [$"new role {change.Title} ({People(change.Added.Count)})"];
            case RoleChangeKind.RoleGone: return [$"role {change.Title} removed ({People(change.Removed.Count)})"];
        }
        var words = new List<string>();
        if (change.WasTitled is { } was) words.Add($"{was} renamed {change.Title}");
        if (change.Added.Count > 0) words.Add($"added to {role}: {People(change.Added.Count)}");
        if (change.Removed.Count > 0) words.Add($"removed from {role}: {People(change.Removed.Count)}");
        return words;
    }

    private static string RoleName(RoleChange change) =>
        change.Key.StartsWith(BoardRoleHolders.PartnerKeyPrefix, StringComparison.Ordinal) && change.Title.IndexOf(": ", StringComparison.Ordinal) is var at and >= 0
            ? change.Title[(at + 2)..] + " members"
            : change.Title;

    private static string People(int count) => count == 1 ? "1 person" : $"{count} people";

    private static string TieBreaker(string configured) => configured switch
    {
        "Chair" => "the chair",
        "DeputyBoardManager" => "the deputy board manager",
        _ => configured,
    };
}
