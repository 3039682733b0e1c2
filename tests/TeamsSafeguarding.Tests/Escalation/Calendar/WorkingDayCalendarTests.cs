using System.Globalization;
using TeamsSafeguarding.Escalation.Calendar;
using TeamsSafeguarding.Escalation.Process;
using Xunit;

namespace TeamsSafeguarding.Tests.Escalation.Calendar;

public class WorkingDayCalendarTests
{
    private readonly WorkingDayCalendar calendar = new(BankHolidayRegion.EnglandAndWales);

    [Theory]
    [InlineData("2025-12-18", "2025-12-29", "2026-01-06")] // Thu before Christmas
    [InlineData("2026-04-02", "2026-04-13", "2026-04-20")] // Thu before Easter
    [InlineData("2026-12-23", "2027-01-04", "2027-01-11")] // Wed before a Friday Christmas
    public void Worked_examples_from_day_zero(string dayZero, string wd5, string wd10)
    {
        Assert.Equal(D(wd5), calendar.AddWorkingDays(D(dayZero), 5));
        Assert.Equal(D(wd10), calendar.AddWorkingDays(D(dayZero), 10));
    }

    [Theory]
    [InlineData("2026-06-05", "2026-06-06", 5, "2026-06-12")] // ordinary week
    [InlineData("2026-04-03", "2026-04-04", 1, "2026-04-07")] // Good Friday and Easter Saturday
    [InlineData("2025-12-26", "2025-12-27", 1, "2025-12-29")] // Boxing Day (Fri) and Saturday
    public void Friday_and_Saturday_triggers_give_the_same_deadline(string friday, string saturday, int n, string expected)
    {
        Assert.Equal(D(expected), calendar.AddWorkingDays(D(friday), n));
        Assert.Equal(D(expected), calendar.AddWorkingDays(D(saturday), n));
    }

    [Theory]
    [InlineData(10, "2026-05-27")] // list cut-off
    [InlineData(5, "2026-06-03")] // pack out
    public void Counts_back_from_a_panel_on_Wed_10_Jun_2026(int n, string expected)
    {
        Assert.Equal(D(expected), calendar.SubtractWorkingDays(D("2026-06-10"), n));
    }

    [Fact]
    public void Counting_back_skips_holidays_and_weekends()
    {
        // 10 WD before Tue 2 Jun 2026 crosses the spring bank holiday (Mon 25 May).
        Assert.Equal(D("2026-05-18"), calendar.SubtractWorkingDays(D("2026-06-02"), 10));
    }

    [Theory]
    [InlineData("2026-06-10", true)]
    [InlineData("2026-06-13", false)] // Saturday
    [InlineData("2026-06-14", false)] // Sunday
    [InlineData("2026-05-25", false)] // spring bank holiday
    [InlineData("2026-12-28", false)] // Boxing Day substitute
    public void Working_days_exclude_weekends_and_bank_holidays(string day, bool expected)
    {
        Assert.Equal(expected, calendar.IsWorkingDay(D(day)));
    }

    [Fact]
    public void Extra_closure_days_are_skipped()
    {
        var withShutdown = new WorkingDayCalendar(BankHolidayRegion.EnglandAndWales, [D("2025-12-24"), D("2025-12-31")]);

        Assert.False(withShutdown.IsWorkingDay(D("2025-12-24")));
        Assert.True(calendar.IsWorkingDay(D("2025-12-24")));
        Assert.Equal(D("2025-12-30"), withShutdown.AddWorkingDays(D("2025-12-18"), 5));
        Assert.Equal(D("2026-01-08"), withShutdown.AddWorkingDays(D("2025-12-18"), 10));
        Assert.Equal(D("2025-12-23"), withShutdown.SubtractWorkingDays(D("2025-12-29"), 1));
    }

    [Fact]
    public void Calendar_from_options_uses_its_region_and_closures()
    {
        var profile = ProcessProfile.Default with { CalendarRegion = BankHolidayRegion.Scotland, ExtraClosureDays = [D("2026-06-10")] };

        var fromOptions = profile.Calendar();

        Assert.Equal(BankHolidayRegion.Scotland, fromOptions.Region);
        Assert.False(fromOptions.IsWorkingDay(D("2026-01-02")));
        Assert.False(fromOptions.IsWorkingDay(D("2026-06-10")));
    }

    [Fact]
    public void Zero_working_days_is_day_zero_and_negative_counts_are_refused()
    {
        Assert.Equal(D("2026-06-06"), calendar.AddWorkingDays(D("2026-06-06"), 0));
        Assert.Throws<ArgumentOutOfRangeException>(() => calendar.AddWorkingDays(D("2026-06-06"), -1));
        Assert.Throws<ArgumentOutOfRangeException>(() => calendar.SubtractWorkingDays(D("2026-06-06"), -1));
    }

    [Theory]
    [InlineData(1)]
    [InlineData(5)]
    [InlineData(10)]
    public void Adding_then_subtracting_returns_to_any_working_day_2020_to_2030(int n)
    {
        for (var day = new DateOnly(2020, 1, 1); day.Year <= 2030; day = day.AddDays(1))
        {
            if (!calendar.IsWorkingDay(day)) continue;
            var due = calendar.AddWorkingDays(day, n);
            Assert.True(calendar.IsWorkingDay(due), $"{day}");
            Assert.Equal(day, calendar.SubtractWorkingDays(due, n));
        }
    }

    private static DateOnly D(string iso) => DateOnly.Parse(iso, CultureInfo.InvariantCulture);
}
