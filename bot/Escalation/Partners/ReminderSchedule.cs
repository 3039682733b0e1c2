using TeamsSafeguarding.Escalation.Calendar;

namespace TeamsSafeguarding.Escalation.Partners;

/// <summary>The two deadlines partners are reminded of.</summary>
public enum ReminderKind
{
    /// <summary>Views due by the end of working day 5.</summary>
    Views,
    /// <summary>Decision due by the end of working day 10.</summary>
    Decision,
}

/// <summary>
/// One reminder: sent once, from <see cref="SendFrom"/> until the deadline ends (<see cref="DeadlineEnds"/>, exclusive).
/// A reminder whose deadline has already passed is not sent late: the deadline sweep takes over.
/// </summary>
public sealed record ScheduledReminder(ReminderKind Kind, DateOnly DueDate, DateTimeOffset SendFrom, DateTimeOffset DeadlineEnds)
{
    public bool IsDueAt(DateTimeOffset now) => now >= SendFrom && now < DeadlineEnds;
}

/// <summary>
/// When to remind (domain.md section 2: "remind partners without a view before WD 5 and WD 10"; how long before
/// is the board's choice): at <paramref name="sendAt"/> London time (09:00 unless the board's profile says otherwise),
/// <c>workingDaysBefore</c> working days before the due date (0 = the morning of the due date itself).
/// </summary>
public static class ReminderSchedule
{
    public static readonly TimeOnly DefaultSendTime = new(9, 0);

    public static IReadOnlyList<ScheduledReminder> For(DateOnly viewsDue, DateOnly decisionDue, WorkingDayCalendar calendar, int workingDaysBefore,
        TimeOnly? sendAt = null)
    {
        var time = sendAt ?? DefaultSendTime;
        ArgumentOutOfRangeException.ThrowIfNegative(workingDaysBefore);
        return [One(ReminderKind.Views, viewsDue), One(ReminderKind.Decision, decisionDue)];

        ScheduledReminder One(ReminderKind kind, DateOnly due)
        {
            // Working days are never Sundays, so the send time is never on a clock-change day's odd hour.
            var day = calendar.SubtractWorkingDays(due, workingDaysBefore);
            return new(kind, due, LondonTime.StartOf(day).Add(time.ToTimeSpan()), LondonTime.StartOf(due.AddDays(1)));
        }
    }
}
