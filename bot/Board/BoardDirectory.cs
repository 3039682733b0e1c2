using Microsoft.Extensions.Options;
using TeamsSafeguarding.Escalation.Cases;

namespace TeamsSafeguarding.Board;

/// <summary>Who holds which role, and which statutory partner agency a person speaks for.</summary>
public sealed class BoardDirectory(IOptions<BoardOptions> options)
{
    private BoardOptions Board => options.Value;

    public IReadOnlySet<BoardRole> RolesOf(string userKey)
    {
        // Every authenticated person in an allowed tenant may raise a referral.
        var roles = new HashSet<BoardRole> { BoardRole.Referrer };
        if (Has(Board.Coordinators, userKey)) roles.Add(BoardRole.Coordinator);
        if (Has(Board.DeputyBoardManagers, userKey)) roles.Add(BoardRole.DeputyBoardManager);
        if (Has(Board.Chairs, userKey)) roles.Add(BoardRole.Chair);
        if (Has(Board.BoardAdmins, userKey)) roles.Add(BoardRole.BoardAdmin);
        if (Has(Board.Auditors, userKey)) roles.Add(BoardRole.Auditor);
        if (AgencyOf(userKey) is not null) roles.Add(BoardRole.PartnerRep);
        return roles;
    }

    public bool HasAny(string userKey, params BoardRole[] roles) => roles.Any(RolesOf(userKey).Contains);

    /// <summary>The statutory partner agency the person is a named member of, if any.</summary>
    public AgencyOptions? AgencyOf(string userKey) => Board.Partners.FirstOrDefault(a => Has(a.Members, userKey));

    public IReadOnlyList<AgencyOptions> Partners => Board.Partners;

    /// <summary>The main role for the case log: the most senior the person holds.</summary>
    public string MainRoleOf(string userKey)
    {
        var roles = RolesOf(userKey);
        foreach (var r in new[] { BoardRole.Chair, BoardRole.DeputyBoardManager, BoardRole.Coordinator, BoardRole.PartnerRep, BoardRole.BoardAdmin, BoardRole.Auditor })
            if (roles.Contains(r)) return r.ToString();
        return nameof(BoardRole.Referrer);
    }

    /// <summary>The person as the case log records them: key, main role and agency.</summary>
    public CaseActor ActorFor(string userKey) => new(userKey, MainRoleOf(userKey), AgencyOf(userKey)?.Name);

    private static bool Has(IEnumerable<string> ids, string userKey) =>
        ids.Any(id => string.Equals(id, userKey, StringComparison.OrdinalIgnoreCase));
}
