namespace TeamsSafeguarding.Escalation.Calendar;

/// <summary>Northern Ireland: the England and Wales rules plus St Patrick's Day and the Battle of the Boyne.</summary>
public static class NorthernIrelandHolidays
{
    public static IReadOnlyList<BankHoliday> ByRule(int year) =>
    [
        .. EnglandAndWalesHolidays.ByRule(year),
        HolidayRules.MondayIfWeekend(new DateOnly(year, 3, 17), "St Patrick's Day"),
        HolidayRules.MondayIfWeekend(new DateOnly(year, 7, 12), "Battle of the Boyne (Orangemen's Day)"),
    ];
}
