namespace TeamsSafeguarding.Escalation.Partners;

/// <summary>Who makes the casting decision when the partners reach no majority by the deadline.</summary>
public enum CastingActor
{
    Chair,
    DeputyBoardManager,
}

/// <summary>
/// How the board's partners decide (domain.md section 2 defaults; a SAB "may regulate its own procedure").
/// One vote per agency in <paramref name="Electorate"/>; an absolute majority of the electorate decides.
/// </summary>
public sealed record DecisionRule(
    IReadOnlyList<PartnerAgency> Electorate,
    bool EarlyDecision = true,
    CastingActor CastingBy = CastingActor.Chair)
{
    public static DecisionRule Default { get; } = new(PartnerAgencies.Defaults);

    /// <summary>Absolute majority of the whole electorate, not of those who answered: floor(n/2)+1 (2 of 3, 3 of 4 or 5).</summary>
    public int Threshold => Electorate.Count / 2 + 1;

    public PartnerAgency? Agency(string agencyId) => Electorate.FirstOrDefault(a => a.Id == agencyId);

    /// <summary>Problems with the configuration itself; empty when usable.</summary>
    public IReadOnlyList<string> Problems()
    {
        var problems = new List<string>();
        if (Electorate.Count == 0) problems.Add("At least one statutory partner agency must be configured.");
        if (Electorate.Any(a => string.IsNullOrWhiteSpace(a.Id)))
            problems.Add("Every partner agency needs an id.");
        if (Electorate.Any(a => string.IsNullOrWhiteSpace(a.DisplayName)))
            problems.Add("Every partner agency needs a display name.");
        foreach (var dup in Electorate.GroupBy(a => a.Id).Where(g => g.Count() > 1))
            problems.Add($"Partner agency id '{dup.Key}' is configured more than once.");
        return problems;
    }
}
