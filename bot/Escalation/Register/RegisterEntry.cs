using TeamsSafeguarding.Escalation.Calendar;
using TeamsSafeguarding.Escalation.Cases;
using TeamsSafeguarding.Escalation.Process;

namespace TeamsSafeguarding.Escalation.Register;

/// <summary>
/// One case as the board's register knows it: the channel-safe facts of its head (reference, stage, referring agency,
/// risk band word, dates) and the deadlines of its stage. Kept in step with the case head by every case command; a
/// reader that acts on an entry re-reads the case, so an entry a moment stale does no harm.
/// </summary>
public sealed record RegisterEntry(
    string CaseId,
    string Reference,
    CaseStage Stage,
    string? ReferringAgency,
    string? RiskBand,
    DateTimeOffset? ReceivedAt,
    DateTimeOffset? StageSince,
    DateTimeOffset? ClosedAt,
    IReadOnlyList<CaseDeadline> Deadlines)
{
    /// <summary>The register holds submitted cases only: a draft has no reference and is nobody's business but its author's.</summary>
    public static RegisterEntry? Of(Case record, ProcessProfile profile, WorkingDayCalendar calendar) =>
        record.Stage == CaseStage.Draft || record.Reference is null
            ? null
            : new(record.CaseId, record.Reference, record.Stage, record.ReferringAgency, record.RiskBand, record.ReceivedAt, record.StageSince,
                record.ClosedAt, CaseDeadlines.For(record, profile, calendar));

    public bool IsOpen => Stage != CaseStage.Closed;

    /// <summary>
    /// The deadline to show: the earliest not yet passed on <paramref name="today"/>; when all have passed, the last
    /// (the case is overdue on it); none when the stage has no clock.
    /// </summary>
    public CaseDeadline? NextDeadline(DateOnly today) =>
        Deadlines.OrderBy(d => d.Due).FirstOrDefault(d => d.Due >= today) ?? Deadlines.OrderBy(d => d.Due).LastOrDefault();

    /// <summary>The deadline RAG of <see cref="NextDeadline"/>, or null when there is no deadline.</summary>
    public DeadlineRag? RagAt(DateTimeOffset now, WorkingDayCalendar calendar, int dueSoonWorkingDays) =>
        NextDeadline(LondonTime.DayOf(now)) is { } next ? DeadlineRags.For(next.Due, now, calendar, dueSoonWorkingDays) : null;
}
