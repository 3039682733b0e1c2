using System.Globalization;
using TeamsSafeguarding.Escalation.Calendar;
using Xunit;

namespace TeamsSafeguarding.Tests.Escalation.Calendar;

/// <summary>Every England and Wales bank holiday 2020-2030 as domain.md §4 lists them.</summary>
public class EnglandAndWalesHolidaysTests
{
    public static TheoryData<int, string[]> FullYears => new()
    {
        { 2020, ["1 Jan", "10 Apr", "13 Apr", "8 May", "25 May", "31 Aug", "25 Dec", "28 Dec"] },
        { 2021, ["1 Jan", "2 Apr", "5 Apr", "3 May", "31 May", "30 Aug", "27 Dec", "28 Dec"] },
        { 2022, ["3 Jan", "15 Apr", "18 Apr", "2 May", "2 Jun", "3 Jun", "29 Aug", "19 Sep", "26 Dec", "27 Dec"] },
        { 2023, ["2 Jan", "7 Apr", "10 Apr", "1 May", "8 May", "29 May", "28 Aug", "25 Dec", "26 Dec"] },
        { 2024, ["1 Jan", "29 Mar", "1 Apr", "6 May", "27 May", "26 Aug", "25 Dec", "26 Dec"] },
        { 2025, ["1 Jan", "18 Apr", "21 Apr", "5 May", "26 May", "25 Aug", "25 Dec", "26 Dec"] },
        { 2026, ["1 Jan", "3 Apr", "6 Apr", "4 May", "25 May", "31 Aug", "25 Dec", "28 Dec"] },
        { 2027, ["1 Jan", "26 Mar", "29 Mar", "3 May", "31 May", "30 Aug", "27 Dec", "28 Dec"] },
        { 2028, ["3 Jan", "14 Apr", "17 Apr", "1 May", "29 May", "28 Aug", "25 Dec", "26 Dec"] },
        { 2029, ["1 Jan", "30 Mar", "2 Apr", "7 May", "28 May", "27 Aug", "25 Dec", "26 Dec"] },
        { 2030, ["1 Jan", "19 Apr", "22 Apr", "6 May", "27 May", "26 Aug", "25 Dec", "26 Dec"] },
    };

    [Theory]
    [MemberData(nameof(FullYears))]
    public void Each_year_has_exactly_the_listed_holidays(int year, string[] days)
    {
        var expected = days.Select(d => Day(d, year)).ToList();

        var actual = BankHolidays.For(BankHolidayRegion.EnglandAndWales, year).Select(h => h.Date).ToList();

        Assert.Equal(expected, actual);
    }

    [Theory]
    [MemberData(nameof(FullYears))]
    public void None_of_the_listed_holidays_is_a_working_day_and_nothing_else_on_a_weekday_is(int year, string[] days)
    {
        var calendar = new WorkingDayCalendar(BankHolidayRegion.EnglandAndWales);
        var holidays = days.Select(d => Day(d, year)).ToHashSet();

        for (var day = new DateOnly(year, 1, 1); day.Year == year; day = day.AddDays(1))
        {
            var weekend = day.DayOfWeek is DayOfWeek.Saturday or DayOfWeek.Sunday;
            Assert.True(calendar.IsWorkingDay(day) == !(weekend || holidays.Contains(day)), $"{day:ddd d MMM yyyy}");
        }
    }

    /// <summary>The 2024-2030 table, row by row, so a holiday is also named for the right occasion (e.g. 2027's
    /// 27 Dec is Christmas Day's substitute and 28 Dec Boxing Day's).</summary>
    public static TheoryData<string, int, string> TableCells()
    {
        var rows = new (string Name, string[] Days)[]
        {
            ("New Year", ["1 Jan", "1 Jan", "1 Jan", "1 Jan", "3 Jan", "1 Jan", "1 Jan"]),
            ("Good Friday", ["29 Mar", "18 Apr", "3 Apr", "26 Mar", "14 Apr", "30 Mar", "19 Apr"]),
            ("Easter Monday", ["1 Apr", "21 Apr", "6 Apr", "29 Mar", "17 Apr", "2 Apr", "22 Apr"]),
            ("Early May", ["6 May", "5 May", "4 May", "3 May", "1 May", "7 May", "6 May"]),
            ("Spring", ["27 May", "26 May", "25 May", "31 May", "29 May", "28 May", "27 May"]),
            ("Summer", ["26 Aug", "25 Aug", "31 Aug", "30 Aug", "28 Aug", "27 Aug", "26 Aug"]),
            ("Christmas", ["25 Dec", "25 Dec", "25 Dec", "27 Dec", "25 Dec", "25 Dec", "25 Dec"]),
            ("Boxing Day", ["26 Dec", "26 Dec", "28 Dec", "28 Dec", "26 Dec", "26 Dec", "26 Dec"]),
        };
        var data = new TheoryData<string, int, string>();
        foreach (var (name, days) in rows)
            for (var i = 0; i < days.Length; i++)
                data.Add(name, 2024 + i, days[i]);
        return data;
    }

    [Theory]
    [MemberData(nameof(TableCells))]
    public void Table_cell_is_the_named_holiday(string occasion, int year, string day)
    {
        var holiday = Assert.Single(BankHolidays.For(BankHolidayRegion.EnglandAndWales, year), h => h.Name.StartsWith(occasion));

        Assert.Equal(Day(day, year), holiday.Date);
    }

    [Theory]
    [InlineData(2020, "8 May", "4 May")] // VE day moved the early May holiday
    [InlineData(2022, "2 Jun", "30 May")] // Platinum Jubilee moved the spring holiday
    public void One_off_moves_replace_the_rule_day(int year, string movedTo, string movedFrom)
    {
        var calendar = new WorkingDayCalendar(BankHolidayRegion.EnglandAndWales);

        Assert.False(calendar.IsWorkingDay(Day(movedTo, year)));
        Assert.True(calendar.IsWorkingDay(Day(movedFrom, year)));
    }

    internal static DateOnly Day(string dayAndMonth, int year) =>
        DateOnly.ParseExact($"{dayAndMonth} {year}", "d MMM yyyy", CultureInfo.InvariantCulture);
}
