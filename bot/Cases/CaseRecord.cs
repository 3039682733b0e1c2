using Azure;
using Azure.Data.Tables;

namespace TeamsSafeguarding.Cases;

/// <summary>
/// The head of a case file: who referred it, where it stands, its reference once submitted. One
/// partition per case ("case|{caseId}") holds this row ("case"), the working copy of the referral ("draft"),
/// each frozen submitted version ("version|0001"), the case log ("log|…"), feature rows (e.g. "triage",
/// "partners") and the outbox rows those changes cause. Stage changes replace this row with its ETag, so two
/// people acting at once cannot both win.
/// </summary>
public sealed record CaseRecord
{
    public const string Row = "case";

    public required string CaseId { get; init; }
    public string? Reference { get; init; }
    /// <summary>A CaseStage name (Draft, Received, InTriage, Returned, WithPartners, …).</summary>
    public required string Stage { get; init; }
    public required string ReferrerKey { get; init; }
    public string? ReferringAgency { get; init; }
    /// <summary>Number of submitted versions (0 while a first draft).</summary>
    public int Version { get; init; }
    public required DateTimeOffset CreatedAt { get; init; }
    public required DateTimeOffset UpdatedAt { get; init; }
    public DateTimeOffset? ReceivedAt { get; init; }
    /// <summary>Risk band word for channel cards (e.g. "High"); never a personal detail.</summary>
    public string? RiskBand { get; init; }
    public DateTimeOffset? ExpiryWarnedAt { get; init; }
    public ETag ETag { get; init; }

    public static string PartitionOf(string caseId) => "case|" + caseId;

    public TableEntity ToEntity() => new(PartitionOf(CaseId), Row)
    {
        ["CaseId"] = CaseId,
        ["Reference"] = Reference,
        ["Stage"] = Stage,
        ["ReferrerKey"] = ReferrerKey,
        ["ReferringAgency"] = ReferringAgency,
        ["Version"] = Version,
        ["CreatedAt"] = CreatedAt,
        ["UpdatedAt"] = UpdatedAt,
        ["ReceivedAt"] = ReceivedAt,
        ["RiskBand"] = RiskBand,
        ["ExpiryWarnedAt"] = ExpiryWarnedAt,
    };

    public static CaseRecord FromEntity(TableEntity e) => new()
    {
        CaseId = e.GetString("CaseId"),
        Reference = e.GetString("Reference"),
        Stage = e.GetString("Stage"),
        ReferrerKey = e.GetString("ReferrerKey"),
        ReferringAgency = e.GetString("ReferringAgency"),
        Version = e.GetInt32("Version") ?? 0,
        CreatedAt = e.GetDateTimeOffset("CreatedAt") ?? default,
        UpdatedAt = e.GetDateTimeOffset("UpdatedAt") ?? default,
        ReceivedAt = e.GetDateTimeOffset("ReceivedAt"),
        RiskBand = e.GetString("RiskBand"),
        ExpiryWarnedAt = e.GetDateTimeOffset("ExpiryWarnedAt"),
        ETag = e.ETag,
    };
}
