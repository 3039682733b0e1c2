namespace TeamsSafeguarding.Escalation.Calendar;

/// <summary>The partner stage's two clocks, both started when the referral is sent to partners (day 0).</summary>
public sealed record WorkingDayDeadlines(Deadline ViewsDue, Deadline DecisionDue)
{
    public static WorkingDayDeadlines FromSent(
        DateTimeOffset sentAt, WorkingDayCalendar calendar, int viewsWorkingDays = 5, int decisionWorkingDays = 10) =>
        new(Deadline.WorkingDaysAfter(sentAt, viewsWorkingDays, calendar),
            Deadline.WorkingDaysAfter(sentAt, decisionWorkingDays, calendar));
}
