using TeamsSafeguarding.Escalation.Calendar;
using TeamsSafeguarding.Escalation.Cases;
using TeamsSafeguarding.Escalation.Process;

namespace TeamsSafeguarding.Escalation.Register;

/// <summary>What a deadline is for: the digest groups by it, and the register shows its words.</summary>
public enum DeadlineKind
{
    Triage,
    PartnersViews,
    PartnersDecision,
    /// <summary>A meeting to be booked by (the meeting stage's own clock).</summary>
    Meeting,
    /// <summary>An agreed action's due date (the meeting stage's actions).</summary>
    Action,
    Review,
}

/// <summary>One date a case must meet, with what it is for. Channel-safe: a kind and a date.</summary>
public sealed record CaseDeadline(DeadlineKind Kind, DateOnly Due)
{
    public string Words => Kind switch
    {
        DeadlineKind.Triage => "Triage due",
        DeadlineKind.PartnersViews => "Partners' views due",
        DeadlineKind.PartnersDecision => "Partners' decision due",
        DeadlineKind.Meeting => "Meeting to be booked by",
        DeadlineKind.Action => "Action due",
        DeadlineKind.Review => "Review due",
        _ => throw new ArgumentOutOfRangeException(nameof(Kind), Kind, null),
    };
}

/// <summary>
/// The dates a case must meet at its stage, from its head and the board's profile alone (so the board's register can
/// be kept in step with every change of the head, without reading the case's other rows): triage within
/// TriageDueWorkingDays of receipt; the partners' views and decision from the day the case was sent (the same working-day
/// clocks as the partners' row); a review due from the day the case reached "Review due". Stages without a clock of
/// their own have none. The meeting stage adds its own (meeting booked by, actions, next review) here when it has them.
/// </summary>
public static class CaseDeadlines
{
    public static IReadOnlyList<CaseDeadline> For(Case record, ProcessProfile profile, WorkingDayCalendar calendar)
    {
        switch (record.Stage)
        {
            case CaseStage.Received or CaseStage.InTriage when record.ReceivedAt is { } received:
                return [new(DeadlineKind.Triage, Deadline.WorkingDaysAfter(received, profile.TriageDueWorkingDays, calendar).DueDate)];
            case CaseStage.WithPartners when record.StageSince is { } sent:
                var clocks = profile.PartnerDeadlines(sent, calendar);
                return [new(DeadlineKind.PartnersViews, clocks.ViewsDue.DueDate), new(DeadlineKind.PartnersDecision, clocks.DecisionDue.DueDate)];
            case CaseStage.ReviewDue when record.StageSince is { } since:
                return [new(DeadlineKind.Review, LondonTime.DayOf(since))];
            default:
                return [];
        }
    }
}
