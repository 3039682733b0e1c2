using System.Globalization;

namespace TeamsSafeguarding.Escalation.Partners;

/// <summary>Dates in explanations are the board's (UK) dates, not UTC ones: 23:30 UTC in summer is the next day in London.</summary>
internal static class DisplayDate
{
    private static readonly CultureInfo English = CultureInfo.GetCultureInfo("en-GB");
    private static readonly TimeZoneInfo? London = FindLondon();

    public static string Of(DateTimeOffset instant)
    {
        var local = London is null ? instant.UtcDateTime : TimeZoneInfo.ConvertTime(instant, London).DateTime;
        return local.ToString("d MMMM yyyy", English);
    }

    private static TimeZoneInfo? FindLondon()
    {
        try { return TimeZoneInfo.FindSystemTimeZoneById("Europe/London"); }
        catch (TimeZoneNotFoundException) { return null; }
        catch (InvalidTimeZoneException) { return null; }
    }
}
