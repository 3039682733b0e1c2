using TeamsSafeguarding.Escalation.Calendar;
using TeamsSafeguarding.Escalation.Process;

namespace TeamsSafeguarding.Escalation.Meetings;

/// <summary>
/// A SMART action as it is followed up: whose it is in Teams (null when the owner could not be found there: the
/// coordinators follow it up instead), whether it is done (by whom, when; the note is typed text and stays on the case
/// file), and which reminders were sent, each once.
/// </summary>
public sealed record ActionProgress(
    SmartAction Action,
    int Cycle,
    string? OwnerKey,
    DateTimeOffset? DoneAt = null,
    string? DoneBy = null,
    string? DoneNote = null,
    DateTimeOffset? RemindedAt = null,
    DateTimeOffset? OverdueFlaggedAt = null)
{
    public bool IsDone => DoneAt is not null;
}

/// <summary>
/// When the follow-up happens (issue 10, item 7), at the board's <see cref="ProcessProfile.FollowUpTime"/> London time:
/// an action's reminder <see cref="ProcessProfile.ActionReminderWorkingDaysBefore"/> working days before it is due; its
/// overdue flag on the first working day after the due date; the review question on the review date (or the next working
/// day, if the review date is not one).
/// </summary>
public sealed class FollowUpSchedule(WorkingDayCalendar calendar, ProcessProfile profile)
{
    public DateTimeOffset ReminderAt(SmartAction action) =>
        LondonTime.At(calendar.SubtractWorkingDays(action.Due, profile.ActionReminderWorkingDaysBefore), profile.FollowUpTime);

    public DateTimeOffset OverdueAt(SmartAction action) => LondonTime.At(calendar.AddWorkingDays(action.Due, 1), profile.FollowUpTime);

    public DateTimeOffset ReviewAt(DateOnly reviewDate)
    {
        var day = calendar.IsWorkingDay(reviewDate) ? reviewDate : calendar.AddWorkingDays(reviewDate, 1);
        return LondonTime.At(day, profile.FollowUpTime);
    }

    public bool IsOverdue(SmartAction action, DateTimeOffset now) => now >= LondonTime.StartOf(action.Due.AddDays(1));

    /// <summary>The reminder is due (and not yet sent): from its time until the action is overdue.</summary>
    public bool ReminderDue(ActionProgress progress, DateTimeOffset now) =>
        !progress.IsDone && progress.RemindedAt is null && now >= ReminderAt(progress.Action) && !IsOverdue(progress.Action, now);

    public bool OverdueFlagDue(ActionProgress progress, DateTimeOffset now) =>
        !progress.IsDone && progress.OverdueFlaggedAt is null && now >= OverdueAt(progress.Action);

    /// <summary>The next instant something is due for these actions (and the review, if one is awaited); null when nothing is left.</summary>
    public DateTimeOffset? NextDue(IEnumerable<ActionProgress> actions, DateOnly? awaitedReview, DateTimeOffset now)
    {
        var times = new List<DateTimeOffset>();
        foreach (var progress in actions.Where(a => !a.IsDone))
        {
            if (progress.RemindedAt is null && !IsOverdue(progress.Action, now)) times.Add(ReminderAt(progress.Action));
            if (progress.OverdueFlaggedAt is null) times.Add(OverdueAt(progress.Action));
        }
        if (awaitedReview is { } review) times.Add(ReviewAt(review));
        return times.Count == 0 ? null : times.Min();
    }
}
