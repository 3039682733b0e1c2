using System.Globalization;
using Azure;
using Azure.Data.Tables;
using TeamsSafeguarding.Cases;
using TeamsSafeguarding.Escalation.Calendar;
using TeamsSafeguarding.Escalation.Cases;
using TeamsSafeguarding.Escalation.Process;
using TeamsSafeguarding.Escalation.Register;

namespace TeamsSafeguarding.Register;

/// <summary>
/// The board's register: partition "register", one small row per submitted case (row key = case id) with the channel-safe
/// facts of its head and the deadlines of its stage (<see cref="RegisterEntry"/>), so the case list, the digest and the
/// export need not read every case. Every case command keeps it in step (<see cref="ICaseFollower"/>): it is written only
/// when an entry changes (a stage move, a submission, a closure), not on the clicks that change nothing it holds.
/// </summary>
public sealed class RegisterIndex(TableClient table, ProcessProfile profile, WorkingDayCalendar calendar) : ICaseFollower
{
    public const string Partition = "register";

    public async Task FollowAsync(Case? before, Case after, CancellationToken ct)
    {
        var entry = RegisterEntry.Of(after, profile, calendar);
        if (entry is null) return;
        var row = ToEntity(entry);
        if (before is not null && RegisterEntry.Of(before, profile, calendar) is { } was && SameFacts(ToEntity(was), row)) return;
        await table.UpsertEntityAsync(row, TableUpdateMode.Replace, ct);
    }

    /// <summary>Every entry, or the open ones only: one query of the board's own partition (a row per case, a few hundred
    /// bytes each), never a read of the cases themselves.</summary>
    public async Task<IReadOnlyList<RegisterEntry>> ReadAsync(bool openOnly, CancellationToken ct)
    {
        var filter = openOnly
            ? TableClient.CreateQueryFilter($"PartitionKey eq {Partition} and Open eq true")
            : TableClient.CreateQueryFilter($"PartitionKey eq {Partition}");
        var entries = new List<RegisterEntry>();
        await foreach (var row in table.QueryAsync<TableEntity>(filter, cancellationToken: ct))
            if (FromEntity(row) is { } entry) entries.Add(entry);
        return entries;
    }

    public async Task RemoveAsync(string caseId, CancellationToken ct)
    {
        try { await table.DeleteEntityAsync(Partition, caseId, ETag.All, ct); }
        catch (RequestFailedException e) when (e.Status == 404) { }
    }

    public static TableEntity ToEntity(RegisterEntry e) => new(Partition, e.CaseId)
    {
        ["Reference"] = e.Reference,
        ["Stage"] = e.Stage.ToString(),
        ["Open"] = e.IsOpen,
        ["ReferringAgency"] = e.ReferringAgency,
        ["RiskBand"] = e.RiskBand,
        ["ReceivedAt"] = e.ReceivedAt,
        ["StageSince"] = e.StageSince,
        ["ClosedAt"] = e.ClosedAt,
        ["Deadlines"] = string.Join(";", e.Deadlines.Select(d => $"{d.Kind}={d.Due:yyyy-MM-dd}")),
    };

    /// <summary>An entry, or null for a row that cannot be read (skipped: the case itself is the truth).</summary>
    public static RegisterEntry? FromEntity(TableEntity row)
    {
        if (!Enum.TryParse<CaseStage>(row.GetString("Stage"), out var stage) || row.GetString("Reference") is not { } reference) return null;
        var deadlines = new List<CaseDeadline>();
        foreach (var part in (row.GetString("Deadlines") ?? "").Split(';', StringSplitOptions.RemoveEmptyEntries))
            if (part.Split('=') is [var kind, var due] && Enum.TryParse<DeadlineKind>(kind, out var k)
                && DateOnly.TryParseExact(due, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var d))
                deadlines.Add(new CaseDeadline(k, d));
        return new RegisterEntry(row.RowKey, reference, stage, row.GetString("ReferringAgency"), row.GetString("RiskBand"),
            row.GetDateTimeOffset("ReceivedAt"), row.GetDateTimeOffset("StageSince"), row.GetDateTimeOffset("ClosedAt"), deadlines);
    }

    private static bool SameFacts(TableEntity a, TableEntity b) =>
        a.Keys.Count == b.Keys.Count && a.All(p => b.TryGetValue(p.Key, out var v) && Equals(p.Value, v));
}
