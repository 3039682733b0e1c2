using TeamsSafeguarding.Cards.Triage;
using TeamsSafeguarding.Cases;
using TeamsSafeguarding.Escalation.Cases;
using TeamsSafeguarding.Escalation.Triage;

namespace TeamsSafeguarding.Triage;

/// <summary>The triage card's input from a case head: channel-safe facts only, and the five checks.</summary>
public static class TriageCards
{
    public static IReadOnlyList<TriageCheckLine> Checks { get; } =
        TriageChecklist.All.Select(c => new TriageCheckLine(c.FieldId, c.Name, c.Explanation)).ToList();

    public static TriageCardInput InputFor(CaseRecord record,
        IReadOnlyDictionary<string, string>? errors = null, IReadOnlyDictionary<string, string?>? values = null) =>
        new(record.CaseId, record.Reference ?? record.CaseId,
            Enum.TryParse<CaseStage>(record.Stage, out var stage) ? CaseStageWords.Display(stage) : record.Stage,
            record.ReferringAgency ?? "Not given", record.RiskBand ?? "Not scored", record.Version, Checks, errors, values);
}
