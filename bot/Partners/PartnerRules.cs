using TeamsSafeguarding.Board;
using TeamsSafeguarding.Escalation.Partners;

namespace TeamsSafeguarding.Partners;

/// <summary>The decision rule built from the board's configuration (BoardOptions is the one source of truth).</summary>
public static class PartnerRules
{
    public static DecisionRule From(BoardOptions board)
    {
        var rule = new DecisionRule(
            board.Partners.Select(a => new PartnerAgency(a.Id, a.Name)).ToList(),
            board.EarlyDecision,
            string.Equals(board.TieBreak, "DeputyBoardManager", StringComparison.OrdinalIgnoreCase) ? CastingActor.DeputyBoardManager : CastingActor.Chair);
        var problems = rule.Problems();
        if (problems.Count > 0)
            throw new InvalidOperationException("Board partners configuration is not usable: " + string.Join(" ", problems));
        return rule;
    }
}
