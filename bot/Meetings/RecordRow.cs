using System.Text.Json;
using Azure;
using Azure.Data.Tables;
using TeamsSafeguarding.Cases;
using TeamsSafeguarding.Escalation.Meetings;

namespace TeamsSafeguarding.Meetings;

/// <summary>
/// The meeting record of the current cycle, row "meeting-record": the form as typed (a draft: every Next saves it) and,
/// once recorded, the record itself. Typed text (special-category data): kept on the case file, shown only to those
/// whose role allows, never logged. A further review archives it as "meeting-record|{cycle}" before a new one starts.
/// </summary>
public sealed record RecordRow(string CaseId, int Cycle, IReadOnlyDictionary<string, string> Values, MeetingRecord? Record = null,
    DateTimeOffset? RecordedAt = null, ETag ETag = default)
{
    public const string Row = "meeting-record";

    public static string ArchiveRow(int cycle) => $"{Row}|{cycle:D2}";

    /// <summary>The most review meetings one case is expected to have (the archive rows' numbering).</summary>
    public const int MaxCycle = 99;

    public TableEntity ToEntity(string? rowKey = null)
    {
        var e = new TableEntity(CaseRow.PartitionOf(CaseId), rowKey ?? Row) { ["Cycle"] = Cycle, ["RecordedAt"] = RecordedAt };
        ChunkedText.Write(e, "Values", JsonSerializer.Serialize(Values, MeetingRow.Json));
        if (Record is not null) ChunkedText.Write(e, "Record", JsonSerializer.Serialize(Record, MeetingRow.Json));
        return e;
    }

    public static RecordRow FromEntity(string caseId, TableEntity e) => new(
        caseId,
        e.GetInt32("Cycle") ?? 1,
        MeetingRow.Read<Dictionary<string, string>>(ChunkedText.Read(e, "Values")) ?? [],
        MeetingRow.Read<MeetingRecord>(ChunkedText.Read(e, "Record")),
        e.GetDateTimeOffset("RecordedAt"),
        e.ETag);
}
