using TeamsSafeguarding.Escalation.Calendar;
using Xunit;
using static TeamsSafeguarding.Tests.Escalation.Calendar.EnglandAndWalesHolidaysTests;

namespace TeamsSafeguarding.Tests.Escalation.Calendar;

public class ScotlandAndNorthernIrelandHolidaysTests
{
    public static TheoryData<BankHolidayRegion, int, string[]> FullYears => new()
    {
        // 1 Jan Fri: 2 Jan (Sat) moves to Mon 4 Jan.
        { BankHolidayRegion.Scotland, 2021, ["1 Jan", "4 Jan", "2 Apr", "3 May", "31 May", "2 Aug", "30 Nov", "27 Dec", "28 Dec"] },
        // 1 Jan Sat, 2 Jan Sun: Mon 3 + Tue 4; the one-offs apply in Scotland too.
        { BankHolidayRegion.Scotland, 2022, ["3 Jan", "4 Jan", "15 Apr", "2 May", "2 Jun", "3 Jun", "1 Aug", "19 Sep", "30 Nov", "26 Dec", "27 Dec"] },
        // 1 Jan Sun: 2 Jan is itself a Monday, so New Year's substitute is Tue 3 Jan.
        { BankHolidayRegion.Scotland, 2023, ["2 Jan", "3 Jan", "7 Apr", "1 May", "8 May", "29 May", "7 Aug", "30 Nov", "25 Dec", "26 Dec"] },
        // St Andrew's Day on a Sunday moves to Mon 1 Dec.
        { BankHolidayRegion.Scotland, 2025, ["1 Jan", "2 Jan", "18 Apr", "5 May", "26 May", "4 Aug", "1 Dec", "25 Dec", "26 Dec"] },
        { BankHolidayRegion.NorthernIreland, 2024, ["1 Jan", "18 Mar", "29 Mar", "1 Apr", "6 May", "27 May", "12 Jul", "26 Aug", "25 Dec", "26 Dec"] },
        { BankHolidayRegion.NorthernIreland, 2025, ["1 Jan", "17 Mar", "18 Apr", "21 Apr", "5 May", "26 May", "14 Jul", "25 Aug", "25 Dec", "26 Dec"] },
        { BankHolidayRegion.NorthernIreland, 2026, ["1 Jan", "17 Mar", "3 Apr", "6 Apr", "4 May", "25 May", "13 Jul", "31 Aug", "25 Dec", "28 Dec"] },
    };

    [Theory]
    [MemberData(nameof(FullYears))]
    public void Year_has_exactly_the_regions_holidays(BankHolidayRegion region, int year, string[] days)
    {
        var expected = days.Select(d => Day(d, year)).ToList();

        var actual = BankHolidays.For(region, year).Select(h => h.Date).ToList();

        Assert.Equal(expected, actual);
    }

    [Theory]
    [InlineData(BankHolidayRegion.Scotland, 2026, "2 Jan", false)]
    [InlineData(BankHolidayRegion.EnglandAndWales, 2026, "2 Jan", true)]
    [InlineData(BankHolidayRegion.Scotland, 2026, "6 Apr", true)] // no Easter Monday in Scotland
    [InlineData(BankHolidayRegion.Scotland, 2026, "3 Aug", false)] // first Monday in August
    [InlineData(BankHolidayRegion.Scotland, 2026, "31 Aug", true)] // not the last
    [InlineData(BankHolidayRegion.Scotland, 2024, "2 Dec", false)] // St Andrew's (Sat 30 Nov) substitute
    [InlineData(BankHolidayRegion.Scotland, 2026, "30 Nov", false)] // St Andrew's on a Monday
    [InlineData(BankHolidayRegion.EnglandAndWales, 2026, "30 Nov", true)]
    [InlineData(BankHolidayRegion.NorthernIreland, 2026, "17 Mar", false)]
    [InlineData(BankHolidayRegion.EnglandAndWales, 2026, "17 Mar", true)]
    [InlineData(BankHolidayRegion.NorthernIreland, 2029, "19 Mar", false)] // 17 Mar a Saturday
    [InlineData(BankHolidayRegion.NorthernIreland, 2025, "14 Jul", false)] // 12 Jul a Saturday
    [InlineData(BankHolidayRegion.NorthernIreland, 2026, "13 Jul", false)] // 12 Jul a Sunday
    [InlineData(BankHolidayRegion.NorthernIreland, 2026, "6 Apr", false)] // Easter Monday, as in England
    public void Spot_checks(BankHolidayRegion region, int year, string day, bool isWorkingDay)
    {
        Assert.Equal(isWorkingDay, new WorkingDayCalendar(region).IsWorkingDay(Day(day, year)));
    }

    [Fact]
    public void Substitute_days_are_named_as_such()
    {
        var holidays = BankHolidays.For(BankHolidayRegion.NorthernIreland, 2025);

        Assert.Contains(new BankHoliday(Day("14 Jul", 2025), "Battle of the Boyne (Orangemen's Day) (substitute day)"), holidays);
    }
}
