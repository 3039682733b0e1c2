namespace TeamsSafeguarding.Escalation.Partners;

/// <summary>
/// Configuration shape for the partners' decision (bind from the "Partners" section). Empty agencies means the
/// defaults: local authority, police, NHS ICB.
/// </summary>
public sealed class PartnerDecisionOptions
{
    public const string Section = "Partners";

    public List<PartnerAgency> Agencies { get; set; } = [];
    public bool EarlyDecision { get; set; } = true;
    public CastingActor CastingBy { get; set; } = CastingActor.Chair;

    public DecisionRule ToRule()
    {
        var rule = new DecisionRule(Agencies.Count == 0 ? PartnerAgencies.Defaults : Agencies.ToList(), EarlyDecision, CastingBy);
        var problems = rule.Problems();
        if (problems.Count > 0)
            throw new InvalidOperationException("Partners configuration is not usable: " + string.Join(" ", problems));
        return rule;
    }
}
