namespace TeamsSafeguarding.Escalation.Calendar;

/// <summary>Boards work on London's calendar day (GMT in winter, BST in summer), whatever the server's zone.</summary>
public static class LondonTime
{
    public static TimeZoneInfo Zone { get; } = TimeZoneInfo.FindSystemTimeZoneById("Europe/London");

    /// <summary>The London calendar date at an instant: 23:30 UTC in summer is already the next day in London.</summary>
    public static DateOnly DayOf(DateTimeOffset instant) =>
        DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(instant, Zone).DateTime);

    /// <summary>
    /// London midnight at the start of <paramref name="day"/>, in UTC. UK clocks change at 01:00 UTC, so local midnight
    /// always exists and is never ambiguous.
    /// </summary>
    public static DateTimeOffset StartOf(DateOnly day)
    {
        var localMidnight = day.ToDateTime(TimeOnly.MinValue, DateTimeKind.Unspecified);
        return new DateTimeOffset(TimeZoneInfo.ConvertTimeToUtc(localMidnight, Zone), TimeSpan.Zero);
    }

    /// <summary>
    /// The instant of a London wall-clock time on <paramref name="day"/>. A time skipped when the clocks go forward
    /// (01:00-02:00 on the last Sunday of March) is read as if the clocks had not changed yet; working hours never hit it.
    /// </summary>
    public static DateTimeOffset At(DateOnly day, TimeOnly time)
    {
        var local = day.ToDateTime(time, DateTimeKind.Unspecified);
        if (Zone.IsInvalidTime(local)) local = local.AddHours(1);
        return new DateTimeOffset(TimeZoneInfo.ConvertTimeToUtc(local, Zone), TimeSpan.Zero);
    }

    /// <summary>The London wall-clock time at an instant (for showing a meeting's time).</summary>
    public static TimeOnly TimeOf(DateTimeOffset instant) => TimeOnly.FromDateTime(TimeZoneInfo.ConvertTime(instant, Zone).DateTime);
}
