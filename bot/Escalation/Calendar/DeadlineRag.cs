namespace TeamsSafeguarding.Escalation.Calendar;

/// <summary>The deadline RAG (kept apart from the risk RAG): green on time, amber due soon, red overdue.</summary>
public enum DeadlineRag
{
    OnTime,
    DueSoon,
    Overdue,
}

public static class DeadlineRags
{
    /// <summary>
    /// Overdue once London has passed the due date; due soon from <paramref name="dueSoonWorkingDays"/> working days
    /// before the due date (1 = from the working day before; 0 = on the due date only); otherwise on time.
    /// </summary>
    public static DeadlineRag For(DateOnly dueDate, DateTimeOffset now, WorkingDayCalendar calendar, int dueSoonWorkingDays = 1)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(dueSoonWorkingDays);
        var today = LondonTime.DayOf(now);
        if (today > dueDate) return DeadlineRag.Overdue;
        return today >= calendar.SubtractWorkingDays(dueDate, dueSoonWorkingDays) ? DeadlineRag.DueSoon : DeadlineRag.OnTime;
    }

    /// <summary>The word to show beside (never instead of) the colour.</summary>
    public static string Words(this DeadlineRag rag) => rag switch
    {
        DeadlineRag.OnTime => "On time",
        DeadlineRag.DueSoon => "Due soon",
        DeadlineRag.Overdue => "Overdue",
        _ => throw new ArgumentOutOfRangeException(nameof(rag), rag, null),
    };

    public static string Colour(this DeadlineRag rag) => rag switch
    {
        DeadlineRag.OnTime => "Green",
        DeadlineRag.DueSoon => "Amber",
        DeadlineRag.Overdue => "Red",
        _ => throw new ArgumentOutOfRangeException(nameof(rag), rag, null),
    };
}
