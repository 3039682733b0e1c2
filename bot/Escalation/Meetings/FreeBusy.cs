namespace TeamsSafeguarding.Escalation.Meetings;

/// <summary>How a person's calendar shows a stretch of time, from free to away (later values win where periods overlap).</summary>
public enum Availability
{
    Free,
    Tentative,
    Busy,
    /// <summary>Out of office.</summary>
    Away,
}

/// <summary>A stretch of someone's calendar that is not plainly free.</summary>
public sealed record CalendarPeriod(DateTimeOffset Start, DateTimeOffset End, Availability Availability);

/// <summary>
/// One person's calendar over the search window. <see cref="Known"/> is false when their calendar could not be read
/// (unknown address, no access): they neither block a time nor count as free for it.
/// </summary>
public sealed record PersonSchedule(string Email, bool Known, IReadOnlyList<CalendarPeriod> Periods)
{
    public static PersonSchedule Unknown(string email) => new(email, false, []);

    /// <summary>How the person stands for [start, end): the worst of the periods overlapping it.</summary>
    public Availability During(DateTimeOffset start, DateTimeOffset end) =>
        Periods.Where(p => p.Start < end && p.End > start).Select(p => p.Availability).DefaultIfEmpty(Availability.Free).Max();
}
