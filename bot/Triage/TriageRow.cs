using System.Text.Json;
using Azure.Data.Tables;
using TeamsSafeguarding.Cases;
using TeamsSafeguarding.Escalation.Triage;

namespace TeamsSafeguarding.Triage;

/// <summary>
/// Row "triage" of a case: the last triage outcome (kind, the checks and which were not met, who and when). Check
/// notes and the return note are typed text: kept on the case file (shown to those entitled), never logged.
/// </summary>
public static class TriageRow
{
    public const string Row = "triage";

    public static TableEntity ToEntity(string caseId, TriageOutcome outcome) => new(CaseRow.PartitionOf(caseId), Row)
    {
        ["Outcome"] = outcome.Kind.ToString(),
        ["FailedChecks"] = string.Join(",", outcome.FailedChecks),
        ["Answers"] = string.Join(",", outcome.Answers.Select(a => $"{a.Check}={a.Result}")),
        ["Notes"] = JsonSerializer.Serialize(outcome.Answers.Where(a => a.Note is not null).ToDictionary(a => a.Check.ToString(), a => a.Note)),
        ["ReturnNote"] = outcome.ReturnNote,
        ["Untriaged"] = outcome.NotTriaged,
        ["DecidedBy"] = outcome.DecidedBy,
        ["DecidedAt"] = outcome.DecidedAt,
    };
}
