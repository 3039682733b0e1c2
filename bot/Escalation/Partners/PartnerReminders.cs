namespace TeamsSafeguarding.Escalation.Partners;

/// <summary>
/// Who to remind before the views deadline (WD 5) and the decision deadline (WD 10): the agencies with no view
/// yet, while the decision is still open. The scheduler decides when to ask; this says whom.
/// </summary>
public static class PartnerReminders
{
    public static IReadOnlyList<PartnerAgency> AgenciesToRemind(PartnerViews ledger, DateTimeOffset now, DateTimeOffset decisionDue)
    {
        var state = PartnerDecision.Evaluate(ledger, now, decisionDue);
        return state.Status == DecisionStatus.Undecided ? ledger.AgenciesWithoutView() : [];
    }
}
