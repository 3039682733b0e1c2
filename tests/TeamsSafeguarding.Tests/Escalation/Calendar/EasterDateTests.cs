using System.Globalization;
using TeamsSafeguarding.Escalation.Calendar;
using Xunit;

namespace TeamsSafeguarding.Tests.Escalation.Calendar;

public class EasterDateTests
{
    [Theory]
    [InlineData(1818, "1818-03-22")] // earliest possible
    [InlineData(1943, "1943-04-25")] // latest possible
    [InlineData(2000, "2000-04-23")]
    [InlineData(2008, "2008-03-23")]
    [InlineData(2019, "2019-04-21")]
    [InlineData(2024, "2024-03-31")]
    [InlineData(2025, "2025-04-20")]
    [InlineData(2026, "2026-04-05")]
    [InlineData(2038, "2038-04-25")]
    [InlineData(2285, "2285-03-22")]
    public void Easter_Sunday_matches_the_published_date(int year, string expected)
    {
        var sunday = EasterDate.Sunday(year);

        Assert.Equal(DateOnly.Parse(expected, CultureInfo.InvariantCulture), sunday);
        Assert.Equal(DayOfWeek.Sunday, sunday.DayOfWeek);
        Assert.Equal(sunday.AddDays(-2), EasterDate.GoodFriday(year));
        Assert.Equal(sunday.AddDays(1), EasterDate.EasterMonday(year));
    }
}
