namespace TeamsSafeguarding.Escalation.Meetings;

/// <summary>
/// A SMART action agreed at the meeting: what exactly (specific), how success is measured (measurable), whose it is, a
/// named person and their agency (assigned), and when (time-bound: after the meeting, by the review date).
/// </summary>
public sealed record SmartAction(int Number, string What, string OwnerName, string OwnerEmail, string OwnerAgencyId, string Measure, DateOnly Due);

/// <summary>
/// What the senior management review recorded (the procedure's list, domain.md section 2, "Held"): attendance and which
/// partners were asked but did not engage; what has been working and not working to reduce the risk; the risk that
/// remains in the partnership's view; the decisions on those risks, naming each with little or no mitigation; key points;
/// SMART actions; who keeps monitoring and how; the review date; and whether a further senior review is needed.
/// Typed text: kept on the case file, shown only to those whose role allows, never in a channel or a log.
/// </summary>
public sealed record MeetingRecord(
    IReadOnlyList<string> Attended,
    IReadOnlyList<string> NotEngaged,
    string WorkingWell,
    string NotWorking,
    string RemainingRisk,
    string Decisions,
    string Unmitigated,
    string KeyPoints,
    string MonitoringAgencyId,
    string MonitoringHow,
    DateOnly ReviewDate,
    bool FurtherReview,
    IReadOnlyList<SmartAction> Actions);
