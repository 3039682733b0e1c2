using System.Globalization;
using TeamsSafeguarding.Escalation.Calendar;

namespace TeamsSafeguarding.Escalation.Partners;

/// <summary>Dates in explanations are the board's (UK) dates, not UTC ones: 23:30 UTC in summer is the next day in London.</summary>
public static class DisplayDate
{
    private static readonly CultureInfo English = CultureInfo.GetCultureInfo("en-GB");

    public static string Of(DateTimeOffset instant) => Of(LondonTime.DayOf(instant));

    public static string Of(DateOnly day) => day.ToString("d MMMM yyyy", English);
}
