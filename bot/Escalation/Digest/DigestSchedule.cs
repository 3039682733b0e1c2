using TeamsSafeguarding.Escalation.Calendar;

namespace TeamsSafeguarding.Escalation.Digest;

/// <summary>When the digest is posted: each working day at the profile's London time (never at weekends or on holidays).</summary>
public static class DigestSchedule
{
    /// <summary>The first digest time strictly after <paramref name="after"/>.</summary>
    public static DateTimeOffset Next(DateTimeOffset after, TimeOnly at, WorkingDayCalendar calendar)
    {
        for (var day = LondonTime.DayOf(after); ; day = day.AddDays(1))
        {
            if (!calendar.IsWorkingDay(day)) continue;
            var time = At(day, at);
            if (time > after) return time;
        }
    }

    /// <summary>The London time <paramref name="at"/> on <paramref name="day"/> (working days are never clock-change Sundays,
    /// as <see cref="Partners.ReminderSchedule"/> also relies on).</summary>
    public static DateTimeOffset At(DateOnly day, TimeOnly at) => LondonTime.StartOf(day).Add(at.ToTimeSpan());
}
