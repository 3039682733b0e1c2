using System.Globalization;
using TeamsSafeguarding.Escalation.Calendar;
using TeamsSafeguarding.Escalation.Process;
using Xunit;

namespace TeamsSafeguarding.Tests.Escalation.Calendar;

public class DeadlineTests
{
    private readonly WorkingDayCalendar calendar = new(BankHolidayRegion.EnglandAndWales);

    [Theory]
    [InlineData("2026-06-09T23:30:00Z", "2026-06-10", "2026-06-17")] // BST: 00:30 Wed in London
    [InlineData("2026-06-09T22:59:59Z", "2026-06-09", "2026-06-16")] // BST: still 23:59 Tue in London
    [InlineData("2026-01-13T23:30:00Z", "2026-01-13", "2026-01-20")] // GMT: 23:30 Tue in London
    public void Day_zero_is_the_London_date_of_the_trigger(string trigger, string dayZero, string wd5)
    {
        var deadline = Deadline.WorkingDaysAfter(I(trigger), 5, calendar);

        Assert.Equal(D(dayZero), deadline.DayZero);
        Assert.Equal(D(wd5), deadline.DueDate);
        Assert.Equal(5, deadline.WorkingDays);
    }

    [Theory]
    [InlineData("2025-12-18T10:00:00Z", 5, "2025-12-29", "2025-12-30T00:00:00Z")] // GMT
    [InlineData("2026-04-02T08:00:00Z", 5, "2026-04-13", "2026-04-13T23:00:00Z")] // BST: London midnight is 23:00 UTC
    [InlineData("2026-03-26T12:00:00Z", 5, "2026-04-02", "2026-04-02T23:00:00Z")] // started in GMT, due in BST
    [InlineData("2026-10-22T12:00:00+01:00", 5, "2026-10-29", "2026-10-30T00:00:00Z")] // started in BST, due in GMT
    public void Overdue_from_London_midnight_after_the_due_date(string trigger, int n, string dueDate, string overdueFrom)
    {
        var deadline = Deadline.WorkingDaysAfter(I(trigger), n, calendar);

        Assert.Equal(D(dueDate), deadline.DueDate);
        Assert.Equal(I(overdueFrom), deadline.OverdueFrom);
        Assert.Equal(TimeSpan.Zero, deadline.OverdueFrom.Offset);
        Assert.False(deadline.IsOverdueAt(deadline.OverdueFrom.AddTicks(-1)));
        Assert.True(deadline.IsOverdueAt(deadline.OverdueFrom));
    }

    [Fact]
    public void Friday_and_Saturday_triggers_give_the_same_deadline_instant()
    {
        var friday = Deadline.WorkingDaysAfter(I("2026-06-05T16:45:00+01:00"), 5, calendar);
        var saturday = Deadline.WorkingDaysAfter(I("2026-06-06T09:00:00+01:00"), 5, calendar);

        Assert.Equal(friday.OverdueFrom, saturday.OverdueFrom);
        Assert.Equal(D("2026-06-12"), saturday.DueDate);
    }

    [Theory]
    [InlineData("2025-12-23T12:00:00Z", 1, DeadlineRag.OnTime)]
    [InlineData("2025-12-24T09:00:00Z", 1, DeadlineRag.DueSoon)] // the working day before Mon 29 Dec
    [InlineData("2025-12-27T12:00:00Z", 1, DeadlineRag.DueSoon)]
    [InlineData("2025-12-29T23:59:59Z", 1, DeadlineRag.DueSoon)]
    [InlineData("2025-12-30T00:00:00Z", 1, DeadlineRag.Overdue)]
    [InlineData("2025-12-24T09:00:00Z", 0, DeadlineRag.OnTime)]
    [InlineData("2025-12-29T08:00:00Z", 0, DeadlineRag.DueSoon)]
    [InlineData("2025-12-19T08:00:00Z", 3, DeadlineRag.OnTime)]
    [InlineData("2025-12-22T08:00:00Z", 3, DeadlineRag.DueSoon)]
    public void Rag_for_views_due_Mon_29_Dec_2025(string now, int dueSoonWorkingDays, DeadlineRag expected)
    {
        var deadline = Deadline.WorkingDaysAfter(I("2025-12-18T10:00:00Z"), 5, calendar);

        Assert.Equal(expected, deadline.RagAt(I(now), calendar, dueSoonWorkingDays));
    }

    [Theory]
    [InlineData("2026-04-13T22:30:00Z", DeadlineRag.DueSoon)] // 23:30 BST on the due date
    [InlineData("2026-04-13T23:30:00Z", DeadlineRag.Overdue)] // 00:30 BST the next day
    public void Rag_turns_overdue_at_London_midnight_in_summer(string now, DeadlineRag expected)
    {
        var deadline = Deadline.WorkingDaysAfter(I("2026-04-02T08:00:00Z"), 5, calendar);

        Assert.Equal(expected, deadline.RagAt(I(now), calendar));
        Assert.Equal(expected == DeadlineRag.Overdue, deadline.IsOverdueAt(I(now)));
    }

    [Theory]
    [InlineData(DeadlineRag.OnTime, "On time", "Green")]
    [InlineData(DeadlineRag.DueSoon, "Due soon", "Amber")]
    [InlineData(DeadlineRag.Overdue, "Overdue", "Red")]
    public void Rag_has_words_as_well_as_a_colour(DeadlineRag rag, string words, string colour)
    {
        Assert.Equal(words, rag.Words());
        Assert.Equal(colour, rag.Colour());
    }

    [Theory]
    [InlineData("2025-12-18T10:00:00Z", "2025-12-29", "2026-01-06")]
    [InlineData("2026-04-02T10:00:00+01:00", "2026-04-13", "2026-04-20")]
    [InlineData("2026-12-23T15:00:00Z", "2027-01-04", "2027-01-11")]
    public void Partner_stage_views_by_WD5_and_decision_by_WD10(string sent, string viewsDue, string decisionDue)
    {
        var deadlines = WorkingDayDeadlines.FromSent(I(sent), calendar);

        Assert.Equal(D(viewsDue), deadlines.ViewsDue.DueDate);
        Assert.Equal(D(decisionDue), deadlines.DecisionDue.DueDate);
        Assert.Equal(deadlines.ViewsDue.DayZero, deadlines.DecisionDue.DayZero);
    }

    [Fact]
    public void Partner_stage_lengths_are_configurable()
    {
        var profile = ProcessProfile.Default with { ViewsDueWorkingDays = 3, DecisionDueWorkingDays = 7 };

        var deadlines = profile.PartnerDeadlines(I("2025-12-18T10:00:00Z"), calendar);

        Assert.Equal(D("2025-12-23"), deadlines.ViewsDue.DueDate);
        Assert.Equal(D("2025-12-31"), deadlines.DecisionDue.DueDate);
        Assert.Equal(3, deadlines.ViewsDue.WorkingDays);
        Assert.Equal(7, deadlines.DecisionDue.WorkingDays);
    }

    private static DateOnly D(string iso) => DateOnly.Parse(iso, CultureInfo.InvariantCulture);

    private static DateTimeOffset I(string iso) => DateTimeOffset.Parse(iso, CultureInfo.InvariantCulture);
}
