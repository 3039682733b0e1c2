using Azure.Data.Tables;
using TeamsSafeguarding.Escalation.Cases;

namespace TeamsSafeguarding.Cases;

/// <summary>
/// One stored line of the case log, which is also the audit trail: who (user key, role, agency) did what, when.
/// <see cref="Detail"/> carries facts safe to show any case reader (reference, stage, dates, check names, counts,
/// agencies): never the person's details and never free text typed by people.
/// </summary>
public sealed record CaseLogEntry(
    DateTimeOffset At,
    string ActorKey,
    string ActorRole,
    string? ActorAgency,
    string Action,
    string? Detail)
{
    public const string Prefix = "log|";

    public static CaseLogEntry Of(CaseLogLine line, CaseActor actor, DateTimeOffset at)
    {
        var by = line.By ?? actor;
        return new(at, by.Key, by.Role, by.Agency, line.Action, line.Detail);
    }

    /// <param name="position">The line's place among those written at the same instant, so they read back in order.</param>
    /// <param name="orderAt">The instant the key sorts by (the writer's own order; <see cref="At"/> when not given).</param>
    public TableEntity ToEntity(string caseId, int position = 0, DateTimeOffset? orderAt = null) =>
        new(CaseRow.PartitionOf(caseId), $"{Prefix}{(orderAt ?? At).UtcTicks:D19}-{position:D3}-{Guid.NewGuid():N}")
        {
            ["At"] = At,
            ["ActorKey"] = ActorKey,
            ["ActorRole"] = ActorRole,
            ["ActorAgency"] = ActorAgency,
            ["Action"] = Action,
            ["Detail"] = Detail,
        };

    public static CaseLogEntry FromEntity(TableEntity e) => new(
        e.GetDateTimeOffset("At") ?? default, e.GetString("ActorKey"), e.GetString("ActorRole"), e.GetString("ActorAgency"),
        e.GetString("Action"), e.GetString("Detail"));
}
