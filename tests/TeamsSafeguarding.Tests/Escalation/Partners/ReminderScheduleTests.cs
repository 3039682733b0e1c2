using TeamsSafeguarding.Escalation.Calendar;
using TeamsSafeguarding.Escalation.Partners;
using Xunit;

namespace TeamsSafeguarding.Tests.Escalation.Partners;

public class ReminderScheduleTests
{
    private static readonly WorkingDayCalendar Calendar = new(BankHolidayRegion.EnglandAndWales);

    [Theory]
    // Day 0 Thu 18 Dec 2025: views due Mon 29 Dec (GMT) -> reminder Wed 24 Dec 09:00; decision Tue 6 Jan -> Mon 5 Jan.
    [InlineData("2025-12-29", 1, "2025-12-24T09:00:00+00:00")]
    [InlineData("2026-01-06", 1, "2026-01-05T09:00:00+00:00")]
    // Mon 13 Apr 2026 (BST), after Easter: the working day before is Fri 10 Apr, 09:00 London = 08:00 UTC.
    [InlineData("2026-04-13", 1, "2026-04-10T08:00:00+00:00")]
    [InlineData("2026-04-13", 0, "2026-04-13T08:00:00+00:00")]
    [InlineData("2026-04-13", 2, "2026-04-09T08:00:00+00:00")]
    public void Reminders_go_at_nine_London_time_working_days_before(string due, int before, string expected)
    {
        var day = DateOnly.Parse(due);
        var reminder = ReminderSchedule.For(day, day, Calendar, before)[0];
        Assert.Equal(DateTimeOffset.Parse(expected), reminder.SendFrom);
        Assert.Equal(LondonTime.StartOf(day.AddDays(1)), reminder.DeadlineEnds);
        Assert.False(reminder.IsDueAt(reminder.SendFrom.AddTicks(-1)));
        Assert.True(reminder.IsDueAt(reminder.SendFrom));
        Assert.False(reminder.IsDueAt(reminder.DeadlineEnds));
    }
}
