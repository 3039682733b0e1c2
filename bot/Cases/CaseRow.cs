using Azure.Data.Tables;
using TeamsSafeguarding.Escalation.Cases;

namespace TeamsSafeguarding.Cases;

/// <summary>
/// How a case is stored. One partition per case ("case|{caseId}") holds its head (row "case", the <see cref="Case"/>),
/// the working copy of the referral ("draft"), each frozen submitted version ("version|0001"), the case log
/// ("log|…"), each stage's own rows (e.g. "triage", "partners") and the outbox rows its changes cause, so a change
/// and everything it causes commit in one transaction.
/// </summary>
public static class CaseRow
{
    public const string Row = "case";

    public static string PartitionOf(string caseId) => "case|" + caseId;

    public static string CaseIdOf(string partitionKey) => partitionKey["case|".Length..];

    public static TableEntity ToEntity(Case c) => new(PartitionOf(c.CaseId), Row)
    {
        ["CaseId"] = c.CaseId,
        ["Reference"] = c.Reference,
        ["Stage"] = c.Stage.ToString(),
        ["ReferrerKey"] = c.ReferrerKey,
        ["ReferringAgency"] = c.ReferringAgency,
        ["Version"] = c.Version,
        ["CreatedAt"] = c.CreatedAt,
        ["UpdatedAt"] = c.UpdatedAt,
        ["StageSince"] = c.StageSince,
        ["ReceivedAt"] = c.ReceivedAt,
        ["RiskBand"] = c.RiskBand,
        ["ExpiryWarnedAt"] = c.ExpiryWarnedAt,
        ["ClosedAt"] = c.ClosedAt,
        ["RepeatKeys"] = c.RepeatKeys,
    };

    /// <exception cref="InvalidDataException">The row is not a readable case head (the sweeps skip and count it).</exception>
    public static Case FromEntity(TableEntity e)
    {
        if (!Enum.TryParse<CaseStage>(e.GetString("Stage"), out var stage) || !Enum.IsDefined(stage))
            throw new InvalidDataException("A case head has no known stage.");
        return new Case
        {
            CaseId = e.GetString("CaseId") ?? throw new InvalidDataException("A case head has no case id."),
            Reference = e.GetString("Reference"),
            Stage = stage,
            ReferrerKey = e.GetString("ReferrerKey") ?? throw new InvalidDataException("A case head has no referrer."),
            ReferringAgency = e.GetString("ReferringAgency"),
            Version = e.GetInt32("Version") ?? 0,
            CreatedAt = e.GetDateTimeOffset("CreatedAt") ?? default,
            UpdatedAt = e.GetDateTimeOffset("UpdatedAt") ?? default,
            StageSince = e.GetDateTimeOffset("StageSince"),
            ReceivedAt = e.GetDateTimeOffset("ReceivedAt"),
            RiskBand = e.GetString("RiskBand"),
            ExpiryWarnedAt = e.GetDateTimeOffset("ExpiryWarnedAt"),
            ClosedAt = e.GetDateTimeOffset("ClosedAt"),
            RepeatKeys = e.GetString("RepeatKeys"),
        };
    }
}
