namespace TeamsSafeguarding.Escalation.Triage;

/// <summary>The deputy board manager's five triage checks (domain.md section 2).</summary>
public enum TriageCheck
{
    NeedsIdentified,
    RisksIdentifiedAndUnmitigated,
    CapacityPresent,
    MultiAgencyWorkEvidenced,
    SeniorManagerNamed,
}

/// <summary>How a check is shown on the triage card: its input id, its name and what the DBM is looking for.</summary>
public sealed record TriageCheckInfo(TriageCheck Check, string FieldId, string Name, string Explanation);

public static class TriageChecklist
{
    public static IReadOnlyList<TriageCheckInfo> All { get; } =
    [
        new(TriageCheck.NeedsIdentified, "needsIdentified", "Needs identified",
            "Care and support needs arising from a physical or mental impairment or illness are described, " +
            "with at least two outcomes the adult cannot achieve."),
        new(TriageCheck.RisksIdentifiedAndUnmitigated, "risksUnmitigated", "Risks identified and unmitigated",
            "Each risk is set out with its likelihood and impact before and after mitigation, " +
            "and the risk remains despite the actions taken."),
        new(TriageCheck.CapacityPresent, "capacityPresent", "Capacity present",
            "The adult has been assessed as having capacity for the specific decision (how, when and by whom). " +
            "If they lack capacity the best-interests process applies instead."),
        new(TriageCheck.MultiAgencyWorkEvidenced, "multiAgencyWork", "Multi-agency work evidenced",
            "Multi-agency work is evidenced over a period proportionate to the risk, with why no further " +
            "interventions remain."),
        new(TriageCheck.SeniorManagerNamed, "seniorManagerNamed", "Senior manager named",
            "A senior manager of the referring agency is named as having reviewed the referral."),
    ];

    public static TriageCheckInfo Describe(TriageCheck check) => All.Single(i => i.Check == check);
}
