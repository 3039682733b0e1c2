namespace TeamsSafeguarding.Escalation.Calendar;

/// <summary>
/// Scotland's bank holidays by rule: 1 and 2 January, Good Friday (no Easter Monday), first and last Mondays in May,
/// the first (not last) Monday in August, St Andrew's Day and Christmas, before one-offs.
/// </summary>
public static class ScotlandHolidays
{
    public static IReadOnlyList<BankHoliday> ByRule(int year) =>
    [
        .. HolidayRules.PairWithSubstitutes(new DateOnly(year, 1, 1), "New Year's Day", "2nd January"),
        new(EasterDate.GoodFriday(year), "Good Friday"),
        new(HolidayRules.FirstMonday(year, 5), "Early May bank holiday"),
        new(HolidayRules.LastMonday(year, 5), "Spring bank holiday"),
        new(HolidayRules.FirstMonday(year, 8), "Summer bank holiday"),
        HolidayRules.MondayIfWeekend(new DateOnly(year, 11, 30), "St Andrew's Day"),
        .. EnglandAndWalesHolidays.ChristmasAndBoxingDay(year),
    ];
}
