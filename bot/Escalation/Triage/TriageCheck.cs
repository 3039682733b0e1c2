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
    /// <summary>The checks in plain words: what the deputy board manager looks for in the referral.</summary>
    public static IReadOnlyList<TriageCheckInfo> All { get; } =
    [
        new(TriageCheck.NeedsIdentified, "needsIdentified", "Needs identified",
            "care and support needs that come from an impairment or illness, and two or more outcomes the person cannot achieve."),
        new(TriageCheck.RisksIdentifiedAndUnmitigated, "risksUnmitigated", "Risks identified and unmitigated",
            "each risk is scored before and after what has been done, and is still serious after it."),
        new(TriageCheck.CapacityPresent, "capacityPresent", "Capacity present",
            "capacity for the decision was assessed (how, when and by whom) and the person has it. If not, the best-interests process applies instead."),
        new(TriageCheck.MultiAgencyWorkEvidenced, "multiAgencyWork", "Multi-agency work evidenced",
            "agencies have worked together for a time that fits the risk, and nothing more can be tried."),
        new(TriageCheck.SeniorManagerNamed, "seniorManagerNamed", "Senior manager named",
            "a senior manager of the referring agency is named and agreed the referral."),
    ];

    public static TriageCheckInfo Describe(TriageCheck check) => All.Single(i => i.Check == check);
}
