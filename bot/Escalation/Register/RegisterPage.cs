using TeamsSafeguarding.Escalation.Calendar;
using TeamsSafeguarding.Escalation.Cases;

namespace TeamsSafeguarding.Escalation.Register;

/// <summary>What the person asked the register for: a stage (or every open stage), only overdue cases, which page.</summary>
public sealed record RegisterFilter(CaseStage? Stage = null, bool OverdueOnly = false, int Page = 1);

/// <summary>One row of the register: the case and, when it has one, its next deadline and RAG.</summary>
public sealed record RegisterRow(RegisterEntry Entry, CaseDeadline? Next, DeadlineRag? Rag);

/// <summary>One page of open cases, and how many there are in all.</summary>
public sealed record RegisterPage(IReadOnlyList<RegisterRow> Rows, int Page, int Pages, int Total, RegisterFilter Filter)
{
    public const int Size = 8;

    /// <summary>
    /// Open cases matching <paramref name="filter"/>, most urgent first: overdue, then due soon, then by next due date, then
    /// those without a deadline by how long they have been at their stage; the page asked for (clamped to the pages there are).
    /// </summary>
    public static RegisterPage Of(IEnumerable<RegisterEntry> entries, RegisterFilter filter, DateTimeOffset now, WorkingDayCalendar calendar,
        int dueSoonWorkingDays)
    {
        var today = LondonTime.DayOf(now);
        var rows = entries.Where(e => e.IsOpen && (filter.Stage is null || e.Stage == filter.Stage))
            .Select(e => new RegisterRow(e, e.NextDeadline(today), e.RagAt(now, calendar, dueSoonWorkingDays)))
            .Where(r => !filter.OverdueOnly || r.Rag == DeadlineRag.Overdue)
            .OrderByDescending(r => r.Rag ?? DeadlineRag.OnTime)
            .ThenBy(r => r.Next?.Due ?? DateOnly.MaxValue)
            .ThenBy(r => r.Entry.StageSince ?? DateTimeOffset.MaxValue)
            .ThenBy(r => r.Entry.Reference, StringComparer.Ordinal)
            .ToList();
        var pages = Math.Max(1, (rows.Count + Size - 1) / Size);
        var page = Math.Clamp(filter.Page, 1, pages);
        return new RegisterPage(rows.Skip((page - 1) * Size).Take(Size).ToList(), page, pages, rows.Count, filter with { Page = page });
    }
}
