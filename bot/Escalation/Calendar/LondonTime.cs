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
}
