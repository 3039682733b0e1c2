namespace TeamsSafeguarding.Board;

/// <summary>One role and who holds it, by Entra object id (or Teams id). Key is stable; Title is the board's words.</summary>
public sealed record RoleHolding(string Key, string Title, IReadOnlyList<string> Ids);

/// <summary>What changed in one role between two versions of the board's roles: ids only, never names.</summary>
/// <param name="WasTitled">The role's previous title when its name changed (a partner agency renamed).</param>
/// <param name="Kind">Whether the role itself is new or gone (a statutory partner agency added or removed).</param>
public sealed record RoleChange(string Key, string Title, IReadOnlyList<string> Added, IReadOnlyList<string> Removed,
    string? WasTitled = null, RoleChangeKind Kind = RoleChangeKind.Holders);

public enum RoleChangeKind { Holders, NewRole, RoleGone }

/// <summary>
/// The board's roles as configured: coordinators, deputy board managers, chairs, admins, auditors, each statutory
/// partner with its members, and who gives the casting decision. Ids are trimmed, de-duplicated and sorted
/// (ignoring case, as <see cref="BoardDirectory"/> does) so that re-ordering the configuration is not a change.
/// </summary>
public sealed record BoardRoleHolders(IReadOnlyList<RoleHolding> Roles)
{
    public const string TieBreakKey = "tieBreak";
    public const string PartnerKeyPrefix = "partner:";

    private static readonly StringComparer Ids = StringComparer.OrdinalIgnoreCase;

    public static BoardRoleHolders From(BoardOptions board, Escalation.Partners.CastingActor castingBy = Escalation.Partners.CastingActor.Chair)
    {
        var roles = new List<RoleHolding>
        {
            Holding("coordinators", "Coordinators", board.Coordinators),
            Holding("deputyBoardManagers", "Deputy board managers", board.DeputyBoardManagers),
            Holding("chairs", "Chairs", board.Chairs),
            Holding("boardAdmins", "Board admins", board.BoardAdmins),
            Holding("auditors", "Auditors", board.Auditors),
        };
        roles.AddRange(board.Partners.Select(a => Holding(PartnerKeyPrefix + a.Id, $"Statutory partner: {a.Name}", a.Members)));
        roles.Add(Holding(TieBreakKey, "Casting decision by", [castingBy.ToString()]));
        return new BoardRoleHolders(roles);
    }

    /// <summary>Who was added to and removed from which role since <paramref name="previous"/>; empty when nothing changed.</summary>
    public IReadOnlyList<RoleChange> ChangesSince(BoardRoleHolders previous)
    {
        var before = previous.Roles.ToDictionary(r => r.Key, StringComparer.Ordinal);
        var changes = new List<RoleChange>();
        foreach (var now in Roles)
        {
            var was = before.GetValueOrDefault(now.Key);
            var wasIds = was?.Ids ?? [];
            var added = now.Ids.Except(wasIds, Ids).ToList();
            var removed = wasIds.Except(now.Ids, Ids).ToList();
            var renamed = was is not null && was.Title != now.Title ? was.Title : null;
            if (was is null)
                changes.Add(new RoleChange(now.Key, now.Title, added, [], null, RoleChangeKind.NewRole));
            else if (added.Count > 0 || removed.Count > 0 || renamed is not null)
                changes.Add(new RoleChange(now.Key, now.Title, added, removed, renamed));
        }
        var kept = Roles.Select(r => r.Key).ToHashSet(StringComparer.Ordinal);
        changes.AddRange(previous.Roles.Where(r => !kept.Contains(r.Key)).Select(r => new RoleChange(r.Key, r.Title, [], r.Ids, null, RoleChangeKind.RoleGone)));
        return changes;
    }

    private static RoleHolding Holding(string key, string title, IEnumerable<string> ids) => new(key, title,
        ids.Select(id => id.Trim()).Where(id => id.Length > 0).Distinct(Ids).Order(Ids).ToList());
}
