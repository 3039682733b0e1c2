using System.Text.Json;
using Azure;
using Azure.Data.Tables;
using TeamsSafeguarding.Cases;
using TeamsSafeguarding.Escalation.Meetings;

namespace TeamsSafeguarding.Meetings;

/// <summary>
/// The SMART actions of every meeting of the case and how each is followed up, row "meeting-actions", plus the review
/// date awaited (none once the coordinators have been asked). Action numbers run on across meetings.
/// </summary>
public sealed record ActionsRow(string CaseId, IReadOnlyList<ActionProgress> Actions, DateOnly? ReviewDate = null, ETag ETag = default)
{
    public const string Row = "meeting-actions";

    public ActionProgress? Find(int number) => Actions.FirstOrDefault(a => a.Action.Number == number);

    public ActionsRow With(ActionProgress changed) =>
        this with { Actions = [.. Actions.Select(a => a.Action.Number == changed.Action.Number ? changed : a)] };

    public int NextNumber => Actions.Count == 0 ? 1 : Actions.Max(a => a.Action.Number) + 1;

    public TableEntity ToEntity()
    {
        var e = new TableEntity(CaseRow.PartitionOf(CaseId), Row)
        {
            ["ReviewDate"] = ReviewDate?.ToString("yyyy-MM-dd"),
            ["Open"] = Actions.Count(a => !a.IsDone),
        };
        ChunkedText.Write(e, "Actions", JsonSerializer.Serialize(Actions, MeetingRow.Json));
        return e;
    }

    public static ActionsRow FromEntity(string caseId, TableEntity e) => new(
        caseId,
        MeetingRow.Read<List<ActionProgress>>(ChunkedText.Read(e, "Actions")) ?? [],
        DateOnly.TryParse(e.GetString("ReviewDate"), System.Globalization.CultureInfo.InvariantCulture, out var review) ? review : null,
        e.ETag);
}
