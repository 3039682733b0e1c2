using TeamsSafeguarding.Escalation.Calendar;
using TeamsSafeguarding.Escalation.Partners;
using TeamsSafeguarding.Escalation.Process;

namespace TeamsSafeguarding.Partners;

/// <summary>
/// When the partners' deadline sweep next has something to do for a case: the next reminder not yet sent, else the
/// first instant after the decision deadline; nothing once decided or once the casting decision has been asked for.
/// </summary>
public sealed class PartnersClock(WorkingDayCalendar calendar, ProcessProfile profile)
{
    /// <summary>The sweep's kind in the due index.</summary>
    public const string Kind = "partners";

    public IReadOnlyList<ScheduledReminder> Reminders(PartnersRow row) =>
        ReminderSchedule.For(row.ViewsDue, row.DecisionDue, calendar, profile.ReminderWorkingDaysBefore, profile.ReminderTime);

    public DateTimeOffset? NextDue(PartnersRow row, DateTimeOffset now)
    {
        if (row.IsDecided || row.CastingRequestedAt is not null) return null;
        var afterDeadline = row.DecisionDueAt.AddTicks(1);
        var reminder = Reminders(row).Where(r => !row.WasReminded(r.Kind) && r.DeadlineEnds > now).Select(r => r.SendFrom).DefaultIfEmpty(afterDeadline).Min();
        return reminder < afterDeadline ? reminder : afterDeadline;
    }
}
