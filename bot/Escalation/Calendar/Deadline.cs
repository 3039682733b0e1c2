namespace TeamsSafeguarding.Escalation.Calendar;

/// <summary>
/// A "within N working days" deadline. Day 0 is the London date of the trigger; the deadline is met until the end of
/// working day N in London. That end is held as <see cref="OverdueFrom"/>: the exclusive instant London midnight
/// starting the day after <see cref="DueDate"/> (in UTC), so "overdue" is simply now &gt;= OverdueFrom. Show people the
/// <see cref="DueDate"/>; use <see cref="OverdueFrom"/> for comparisons and timers.
/// </summary>
public sealed record Deadline(DateOnly DayZero, int WorkingDays, DateOnly DueDate, DateTimeOffset OverdueFrom)
{
    public static Deadline WorkingDaysAfter(DateTimeOffset trigger, int workingDays, WorkingDayCalendar calendar)
    {
        var dayZero = LondonTime.DayOf(trigger);
        var dueDate = calendar.AddWorkingDays(dayZero, workingDays);
        return new Deadline(dayZero, workingDays, dueDate, LondonTime.StartOf(dueDate.AddDays(1)));
    }

    public bool IsOverdueAt(DateTimeOffset now) => now >= OverdueFrom;

    public DeadlineRag RagAt(DateTimeOffset now, WorkingDayCalendar calendar, int dueSoonWorkingDays = 1) =>
        DeadlineRags.For(DueDate, now, calendar, dueSoonWorkingDays);
}
