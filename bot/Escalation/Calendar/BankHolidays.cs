namespace TeamsSafeguarding.Escalation.Calendar;

/// <summary>A region's bank holidays for a year: its rules, then the one-off overrides.</summary>
public static class BankHolidays
{
    public static IReadOnlyList<BankHoliday> For(BankHolidayRegion region, int year)
    {
        var byRule = region switch
        {
            BankHolidayRegion.EnglandAndWales => EnglandAndWalesHolidays.ByRule(year),
            BankHolidayRegion.Scotland => ScotlandHolidays.ByRule(year),
            BankHolidayRegion.NorthernIreland => NorthernIrelandHolidays.ByRule(year),
            _ => throw new ArgumentOutOfRangeException(nameof(region), region, "Unknown bank holiday region."),
        };
        return HolidayOverrides.Apply(year, byRule);
    }
}
