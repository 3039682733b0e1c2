using TeamsSafeguarding.Cards.Triage;
using TeamsSafeguarding.Escalation.Cases;
using TeamsSafeguarding.Escalation.Triage;

namespace TeamsSafeguarding.Triage;

/// <summary>The triage card's input from a case head: channel-safe facts only, and the five checks.</summary>
public static class TriageCards
{
    public static IReadOnlyList<TriageCheckLine> Checks { get; } =
        TriageChecklist.All.Select(c => new TriageCheckLine(c.FieldId, c.Name, c.Explanation)).ToList();

    public static TriageCardInput InputFor(Case record,
        IReadOnlyDictionary<string, string>? errors = null, IReadOnlyDictionary<string, string?>? values = null) =>
        new(record.CaseId, record.ReferenceOrId, CaseStageWords.Display(record.Stage),
            record.ReferringAgency ?? "Not given", record.RiskBand ?? "Not scored", record.Version, Checks, errors, values);
}
