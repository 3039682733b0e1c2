using System.Text.Json;
using System.Text.Json.Serialization;
using Azure.Data.Tables;
using TeamsSafeguarding.Cases;

namespace TeamsSafeguarding.Retention;

public enum HoldChange { Set, Released }

/// <summary>One change of a case's legal hold: set or released, by whom (user key and role), when.</summary>
public sealed record HoldEvent(HoldChange Change, string ByKey, string ByRole, DateTimeOffset At);

/// <summary>
/// Row "hold" of a case: whether a legal hold is on it (an inquiry or proceedings need it kept beyond the retention
/// period), its history (who set and released it, when: the tombstone keeps this), and, once the retention sweep has
/// started deleting the case, that it is going (a hold can no longer be set then). The sweep writes this row in the same
/// transaction as its decision, so a hold set at the same moment makes one of the two fail and try again.
/// </summary>
public sealed record LegalHoldRow(string CaseId, bool IsHeld, IReadOnlyList<HoldEvent> History, bool Deleting)
{
    public const string Row = "hold";

    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web) { Converters = { new JsonStringEnumConverter() } };

    public static LegalHoldRow None(string caseId) => new(caseId, false, [], false);

    public LegalHoldRow With(HoldChange change, string byKey, string byRole, DateTimeOffset at) =>
        this with { IsHeld = change == HoldChange.Set, History = [.. History, new HoldEvent(change, byKey, byRole, at)] };

    public TableEntity ToEntity() => new(CaseRow.PartitionOf(CaseId), Row)
    {
        ["IsHeld"] = IsHeld,
        ["Deleting"] = Deleting,
        ["History"] = JsonSerializer.Serialize(History, Json),
    };

    public static LegalHoldRow? FromEntity(TableEntity? e) => e is null ? null : new(
        CaseRow.CaseIdOf(e.PartitionKey),
        e.GetBoolean("IsHeld") ?? false,
        JsonSerializer.Deserialize<List<HoldEvent>>(e.GetString("History") ?? "[]", Json) ?? [],
        e.GetBoolean("Deleting") ?? false);

    public static string HistoryJson(IReadOnlyList<HoldEvent> history) => JsonSerializer.Serialize(history, Json);
}
