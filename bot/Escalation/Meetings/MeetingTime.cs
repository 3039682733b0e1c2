using System.Globalization;
using TeamsSafeguarding.Escalation.Calendar;
using TeamsSafeguarding.Escalation.Cases;

namespace TeamsSafeguarding.Escalation.Meetings;

/// <summary>When the meeting is: a start and an end instant (UTC), shown in London time.</summary>
public sealed record MeetingTime(DateTimeOffset Start, DateTimeOffset End)
{
    public DateOnly Day => LondonTime.DayOf(Start);

    /// <summary>e.g. "Tuesday 10 March 2026, 14:00 to 15:30" (London).</summary>
    public string Words => $"{Day.ToString("dddd d MMMM yyyy", English)}, {LondonTime.TimeOf(Start):HH:mm} to {LondonTime.TimeOf(End):HH:mm}";

    private static readonly CultureInfo English = CultureInfo.GetCultureInfo("en-GB");
}

/// <summary>
/// A time typed on a card (the organiser's own choice, or a meeting set without a calendar): a date, a London start time
/// on the half hour and a length. It must be in the future, on a working day, and within a year.
/// </summary>
public static class TypedMeetingTime
{
    public const string Date = "time.date";
    public const string Start = "time.start";
    public const string Length = "time.length";

    /// <summary>The start times offered: every half hour from 08:00 to 18:00.</summary>
    public static IReadOnlyList<TimeOnly> StartTimes { get; } =
        [.. Enumerable.Range(0, 21).Select(i => new TimeOnly(8, 0).AddMinutes(30 * i))];

    public static IReadOnlyList<int> Lengths { get; } = [60, 90, 120, 180];

    public static (MeetingTime? Time, IReadOnlyList<FieldError> Errors) Read(string? date, string? start, string? length, DateTimeOffset now,
        WorkingDayCalendar calendar)
    {
        var errors = new List<FieldError>();
        DateOnly? day = DateOnly.TryParseExact(date?.Trim(), "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var d) ? d : null;
        TimeOnly? at = TimeOnly.TryParseExact(start?.Trim(), "HH:mm", CultureInfo.InvariantCulture, DateTimeStyles.None, out var t) && StartTimes.Contains(t) ? t : null;
        int? minutes = int.TryParse(length, NumberStyles.None, CultureInfo.InvariantCulture, out var m) && Lengths.Contains(m) ? m : null;
        if (day is null) errors.Add(new(Date, "Choose the date of the meeting."));
        else if (!calendar.IsWorkingDay(day.Value)) errors.Add(new(Date, "That is not a working day (a weekend, a bank holiday or a closure day)."));
        else if (day.Value > LondonTime.DayOf(now).AddYears(1)) errors.Add(new(Date, "Choose a date within the next year."));
        if (at is null) errors.Add(new(Start, "Choose the start time."));
        if (minutes is null) errors.Add(new(Length, "Choose how long the meeting lasts."));
        if (errors.Count > 0) return (null, errors);

        var begins = LondonTime.At(day!.Value, at!.Value);
        if (begins <= now) return (null, [new(Start, "That time has passed: choose a time in the future.")]);
        return (new MeetingTime(begins, begins.AddMinutes(minutes!.Value)), []);
    }
}
