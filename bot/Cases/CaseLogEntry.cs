using Azure.Data.Tables;

namespace TeamsSafeguarding.Cases;

/// <summary>
/// One line of the case log, which is also the audit trail: who (user key, role, agency) did what, when.
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

    public TableEntity ToEntity(string caseId) =>
        new(CaseRecord.PartitionOf(caseId), $"{Prefix}{At.UtcTicks:D19}-{Guid.NewGuid():N}")
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

/// <summary>The actions the case log knows, in the board's words.</summary>
public static class CaseActions
{
    public const string DraftCreated = "Draft created";
    public const string DraftSaved = "Draft saved";
    public const string DraftDiscarded = "Draft discarded";
    public const string DraftExpired = "Draft deleted after inactivity";
    public const string Submitted = "Referral submitted";
    public const string Received = "Referral received";
    public const string DetailsViewed = "Details viewed";
    public const string AccessRefused = "Access refused";
    public const string Returned = "Returned to referrer";
    public const string Resubmitted = "Amended referral resubmitted";
    public const string Triaged = "Triaged";
    public const string SentToPartners = "Sent to statutory partners";
    public const string SentUntriaged = "Sent to statutory partners without triage";
    public const string ViewGiven = "Partner view given";
    public const string ViewRefused = "Partner view refused";
    public const string Decided = "Partner decision";
    public const string ResponseAgreed = "Agreed response recorded";
    public const string FeedbackSent = "Feedback sent to referrer";
    public const string ReminderSent = "Reminder sent";
}
