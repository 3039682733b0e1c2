using System.Collections.Immutable;
using System.Text.Json;
using Azure;
using Azure.Data.Tables;
using TeamsSafeguarding.Cases;
using TeamsSafeguarding.Escalation.Referrals;

namespace TeamsSafeguarding.Referrals;

/// <summary>
/// The working copy of a referral: row "draft" of the case partition, holding the answers as JSON (split by
/// <see cref="ChunkedText"/>, as referrals can be long) and the step the referrer is on. Frozen submitted
/// versions ("version|0001") use the same JSON.
/// </summary>
public sealed record DraftRow(string CaseId, ReferralDraft Draft, string Step, ETag ETag = default)
{
    public const string Row = "draft";
    private const string Property = "Referral";

    public static string VersionRow(int version) => $"version|{version:D4}";

    public TableEntity ToEntity()
    {
        var entity = new TableEntity(CaseRow.PartitionOf(CaseId), Row) { ["Step"] = Step };
        ChunkedText.Write(entity, Property, ToJson(Draft));
        return entity;
    }

    public static DraftRow? FromEntity(string caseId, TableEntity? entity) =>
        entity is not null && ReadDraft(entity) is { } draft
            ? new DraftRow(caseId, draft, entity.GetString("Step") ?? ReferralForm.PersonSection, entity.ETag)
            : null;

    /// <summary>A submitted version, frozen: never replaced, only added.</summary>
    public static TableEntity Frozen(string caseId, int version, ReferralDraft draft, DateTimeOffset submittedAt)
    {
        var entity = new TableEntity(CaseRow.PartitionOf(caseId), VersionRow(version))
        {
            ["Version"] = version,
            ["SubmittedAt"] = submittedAt,
        };
        ChunkedText.Write(entity, Property, ToJson(draft));
        return entity;
    }

    public static ReferralDraft? ReadDraft(TableEntity entity)
    {
        if (ChunkedText.Read(entity, Property) is not { } json) return null;
        try
        {
            var stored = JsonSerializer.Deserialize<StoredDraft>(json);
            return stored is null ? null
                : new ReferralDraft(stored.Route, (stored.Answers ?? []).ToImmutableDictionary(), stored.RiskCount);
        }
        catch (JsonException)
        {
            return null;
        }
    }

    private static string ToJson(ReferralDraft draft) =>
        JsonSerializer.Serialize(new StoredDraft(draft.Route, new Dictionary<string, string>(draft.Answers), draft.RiskCount));

    private sealed record StoredDraft(RouteAnswers Route, Dictionary<string, string>? Answers, int RiskCount);
}
