namespace TeamsSafeguarding.Escalation.Cases;

/// <summary>
/// Who did something to a case, for the case log: a person's key with their main role and agency, or the bot itself.
/// Keys and role names only; never a person's name.
/// </summary>
public sealed record CaseActor(string Key, string Role, string? Agency = null)
{
    public static CaseActor System { get; } = new("bot", "System");
}

/// <summary>
/// One line a change adds to the case log (who and when are stamped when it is stored). <see cref="Detail"/> holds
/// facts safe for any case reader (references, stages, dates, check names, counts, agencies): never a person's
/// details, never text a person typed. <see cref="By"/> overrides the acting person (e.g. the bot's own receipt line).
/// </summary>
public sealed record CaseLogLine(string Action, string? Detail = null, CaseActor? By = null);

/// <summary>The actions the case log knows, in the board's words.</summary>
public static class CaseActions
{
    public const string DraftCreated = "Draft created";
    public const string DraftSaved = "Draft saved";
    public const string DraftDiscarded = "Draft discarded";
    public const string DraftExpiryWarned = "Draft expiry warned";
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
    public const string LateViewGiven = "Late partner view given";
    public const string Decided = "Partner decision";
    public const string AwaitingCasting = "Awaiting casting decision";
    public const string ResponseAgreed = "Agreed response recorded";
    public const string FeedbackSent = "Feedback sent to referrer";
    public const string ReminderSent = "Reminder sent";
    public const string CaseCardShown = "Case card shown again";
    public const string Closed = "Case closed";
    public const string StageChanged = "Stage changed";
    public const string MeetingArranged = "Lead agency and invitees recorded";
    public const string ArrangementChanged = "Meeting arrangements changed";
    public const string CalendarRequested = "Calendar request queued";
    public const string TimesFound = "Meeting times found";
    public const string MeetingBooked = "Meeting booked";
    public const string MeetingRescheduled = "Meeting rescheduled";
    public const string MeetingCancelled = "Meeting cancelled";
    public const string CalendarRefused = "Calendar request failed";
    public const string ResponsesRead = "Attendees' responses read";
    public const string InvitationDownloaded = "Invitation file downloaded";
    public const string MeetingDraftSaved = "Meeting draft saved";
    public const string MeetingDetailsViewed = "Meeting details viewed";
    public const string PeopleNotFound = "Not found in the board's team";
    public const string RecordViewed = "Meeting record viewed";
    public const string MeetingRecorded = "Meeting recorded";
    public const string ActionsSent = "Actions sent to their owners";
    public const string FeedbackToLeadProfessional = "Feedback sent to the lead professional";
    public const string ActionReminderSent = "Action reminder sent";
    public const string ActionOverdue = "Action overdue";
    public const string ReviewDue = "Review date reached";
    public const string PlanReviewed = "Plan reviewed";
    // The meeting stage writes these; the quarterly measures count them ("Action completed" with detail "on time" or "late").
    public const string MeetingHeld = "Meeting held";
    public const string ActionCompleted = "Action completed";
    // The board's view of its cases: every read is logged on the case it shows.
    public const string ListedInRegister = "Listed in the case register";
    public const string SummaryViewed = "Case summary viewed";
    public const string LogViewed = "Case log viewed";
    public const string Exported = "Included in a spreadsheet export";
    public const string LegalHoldSet = "Legal hold set";
    public const string LegalHoldReleased = "Legal hold released";
}
