using TeamsSafeguarding.Escalation.Calendar;
using TeamsSafeguarding.Escalation.Meetings;
using TeamsSafeguarding.Escalation.Process;
using Xunit;

namespace TeamsSafeguarding.Tests.Escalation.Meetings;

public class FollowUpTests
{
    private static readonly FollowUpSchedule Schedule = new(new WorkingDayCalendar(BankHolidayRegion.EnglandAndWales),
        ProcessProfile.Default with { ActionReminderWorkingDaysBefore = 2, FollowUpTime = new TimeOnly(9, 0) });

    private static ActionProgress Due(int month, int day) =>
        new(new SmartAction(1, "Fire safety visit", "Sam", "sam@x", "la", "Report on file", new DateOnly(2026, month, day)), 1, "sam-key");

    [Fact]
    public void The_reminder_goes_two_working_days_before_at_nine_London_and_the_overdue_flag_the_next_working_day()
    {
        // Due Tuesday 7 April 2026: two working days before skips the Easter weekend (Good Friday 3, Easter Monday 6).
        var action = Due(4, 7);
        Assert.Equal(new DateTimeOffset(2026, 4, 1, 8, 0, 0, TimeSpan.Zero), Schedule.ReminderAt(action.Action)); // Wednesday 1 April, 09:00 BST
        Assert.Equal(new DateTimeOffset(2026, 4, 8, 8, 0, 0, TimeSpan.Zero), Schedule.OverdueAt(action.Action));
        Assert.False(Schedule.IsOverdue(action.Action, new DateTimeOffset(2026, 4, 7, 22, 59, 0, TimeSpan.Zero)));
        Assert.True(Schedule.IsOverdue(action.Action, new DateTimeOffset(2026, 4, 7, 23, 0, 0, TimeSpan.Zero))); // midnight London

        var now = new DateTimeOffset(2026, 4, 1, 8, 0, 0, TimeSpan.Zero);
        Assert.True(Schedule.ReminderDue(action, now));
        Assert.False(Schedule.ReminderDue(action with { RemindedAt = now }, now));
        Assert.False(Schedule.ReminderDue(action with { DoneAt = now }, now));
        Assert.False(Schedule.ReminderDue(action, now.AddDays(7))); // overdue by then: the flag, not a late reminder
        Assert.True(Schedule.OverdueFlagDue(action, new DateTimeOffset(2026, 4, 8, 8, 0, 0, TimeSpan.Zero)));
    }

    [Fact]
    public void Next_due_is_the_earliest_unsent_reminder_flag_or_review_and_nothing_once_all_are_done()
    {
        var now = new DateTimeOffset(2026, 3, 20, 12, 0, 0, TimeSpan.Zero);
        var early = Due(4, 7);
        var later = Due(5, 20) with { Action = Due(5, 20).Action with { Number = 2 } };
        var review = new DateOnly(2026, 5, 30); // a Saturday: asked on Monday 1 June

        Assert.Equal(Schedule.ReminderAt(early.Action), Schedule.NextDue([early, later], review, now));
        Assert.Equal(Schedule.OverdueAt(early.Action), Schedule.NextDue([early with { RemindedAt = now }, later], review, now));
        Assert.Equal(new DateTimeOffset(2026, 6, 1, 8, 0, 0, TimeSpan.Zero), Schedule.NextDue([early with { DoneAt = now }, later with { DoneAt = now }], review, now));
        Assert.Null(Schedule.NextDue([early with { DoneAt = now }], null, now));
    }
}
