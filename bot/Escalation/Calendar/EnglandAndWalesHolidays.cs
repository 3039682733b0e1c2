namespace TeamsSafeguarding.Escalation.Calendar;

/// <summary>
/// England and Wales bank holidays by rule (statute, custom and the standing yearly proclamations), before one-offs.
/// </summary>
public static class EnglandAndWalesHolidays
{
    public static IReadOnlyList<BankHoliday> ByRule(int year) =>
    [
        HolidayRules.MondayIfWeekend(new DateOnly(year, 1, 1), "New Year's Day"),
        new(EasterDate.GoodFriday(year), "Good Friday"),
        new(EasterDate.EasterMonday(year), "Easter Monday"),
        new(HolidayRules.FirstMonday(year, 5), "Early May bank holiday"),
        new(HolidayRules.LastMonday(year, 5), "Spring bank holiday"),
        new(HolidayRules.LastMonday(year, 8), "Summer bank holiday"),
        .. ChristmasAndBoxingDay(year),
    ];

    /// <summary>Shared with Scotland and Northern Ireland, which follow the same Christmas substitutes.</summary>
    internal static IEnumerable<BankHoliday> ChristmasAndBoxingDay(int year) =>
        HolidayRules.PairWithSubstitutes(new DateOnly(year, 12, 25), "Christmas Day", "Boxing Day");
}
