using TeamsSafeguarding.Escalation.Calendar;
using TeamsSafeguarding.Escalation.Cases;
using TeamsSafeguarding.Escalation.Partners;

namespace TeamsSafeguarding.Escalation.Measures;

/// <summary>One line of a case's log as the measures read it: when, and what (the action and its channel-safe detail).</summary>
public sealed record LoggedStep(DateTimeOffset At, string Action, string? Detail);

/// <summary>
/// A case as the measures see it: its reference and referring agency, its repeat-referral keys (keyed hashes of the
/// person's identifiers, compared and never shown), and its log in order.
/// </summary>
public sealed record MeasuredCase(string Reference, string? ReferringAgency, IReadOnlyList<string> RepeatKeys, IReadOnlyList<LoggedStep> Log)
{
    /// <summary>When the board first received it (a resubmission after a return is the same referral).</summary>
    public DateTimeOffset? FirstReceived => Log.Where(l => l.Action == CaseActions.Received).Select(l => (DateTimeOffset?)l.At).Min();

    public DateTimeOffset? ClosedAt => Log.Where(l => l.Action == CaseActions.Closed).Select(l => (DateTimeOffset?)l.At).Min();
}

/// <summary>How many decisions of one outcome were made one way.</summary>
public sealed record DecisionCount(PartnerChoice Outcome, DecisionMethod Method, int Count);

/// <summary>
/// The figures a board reports each quarter (domain.md section 3, issue 12): referrals by referring agency, returned at
/// triage, the partners' decisions by outcome and how they were made, the median working days from receipt to
/// decision and the share decided within the decision clock, meetings held, actions completed on time, repeat
/// referrals about the same person, and cases open at the quarter's end. Pure: computed from the case logs alone,
/// with the working-day calendar; nothing here names a person.
/// </summary>
public sealed record QuarterlyMeasures(
    Quarter Quarter,
    IReadOnlyList<(string Agency, int Count)> ReferralsByAgency,
    int ReturnedAtTriage,
    IReadOnlyList<DecisionCount> Decisions,
    double? MedianWorkingDaysToDecision,
    int DecidedWithinClock,
    int DecisionClockWorkingDays,
    int MeetingsHeld,
    int ActionsCompleted,
    int ActionsCompletedOnTime,
    int RepeatReferrals,
    int OpenAtQuarterEnd)
{
    /// <summary>The detail an "Action completed" line carries when the action was completed by its due date.</summary>
    public const string OnTime = "on time";

    public int Referrals => ReferralsByAgency.Sum(a => a.Count);
    public int DecisionsMade => Decisions.Sum(d => d.Count);

    public static QuarterlyMeasures For(Quarter quarter, IReadOnlyList<MeasuredCase> cases, WorkingDayCalendar calendar, int decisionClockWorkingDays)
    {
        var lines = cases.SelectMany(c => c.Log.Where(l => quarter.Contains(l.At)).Select(l => (Case: c, Line: l))).ToList();
        var received = cases.Where(c => c.FirstReceived is { } at && quarter.Contains(at)).ToList();

        var byAgency = received.GroupBy(c => string.IsNullOrWhiteSpace(c.ReferringAgency) ? "Not given" : c.ReferringAgency!)
            .Select(g => (g.Key, g.Count())).OrderByDescending(a => a.Item2).ThenBy(a => a.Key, StringComparer.Ordinal).ToList();

        var decisions = new List<(PartnerChoice Outcome, DecisionMethod Method, int WorkingDays)>();
        foreach (var (c, line) in lines.Where(x => x.Line.Action == CaseActions.Decided))
        {
            if (ReadDecision(line.Detail) is not { } d) continue;
            // Days from the receipt of the version decided on: time the referrer spent amending a returned one is not the board's.
            var receipt = c.Log.Where(l => l.Action == CaseActions.Received && l.At <= line.At).Select(l => (DateTimeOffset?)l.At).Max();
            decisions.Add((d.Outcome, d.Method, receipt is { } r ? WorkingDaysBetween(LondonTime.DayOf(r), LondonTime.DayOf(line.At), calendar) : 0));
        }

        var completed = lines.Where(x => x.Line.Action == CaseActions.ActionCompleted).ToList();
        var earlierKeys = new HashSet<string>(StringComparer.Ordinal);
        var repeats = 0;
        foreach (var c in cases.Where(c => c.FirstReceived is not null).OrderBy(c => c.FirstReceived))
        {
            if (quarter.Contains(c.FirstReceived!.Value) && c.RepeatKeys.Any(earlierKeys.Contains)) repeats++;
            if (c.FirstReceived < quarter.EndsAt) earlierKeys.UnionWith(c.RepeatKeys);
        }

        return new QuarterlyMeasures(
            quarter,
            byAgency,
            lines.Count(x => x.Line.Action == CaseActions.Returned),
            decisions.GroupBy(d => (d.Outcome, d.Method)).Select(g => new DecisionCount(g.Key.Outcome, g.Key.Method, g.Count()))
                .OrderBy(d => d.Outcome).ThenBy(d => d.Method).ToList(),
            Median(decisions.Select(d => d.WorkingDays).ToList()),
            decisions.Count(d => d.WorkingDays <= decisionClockWorkingDays),
            decisionClockWorkingDays,
            lines.Count(x => x.Line.Action == CaseActions.MeetingHeld),
            completed.Count,
            completed.Count(x => string.Equals(x.Line.Detail, OnTime, StringComparison.OrdinalIgnoreCase)),
            repeats,
            cases.Count(c => c.FirstReceived is { } at && at < quarter.EndsAt && (c.ClosedAt is not { } closed || closed >= quarter.EndsAt)));
    }

    /// <summary>Working days after <paramref name="from"/> up to and including <paramref name="to"/> (a decision on working
    /// day 10 after receipt is 10, as the deadlines count).</summary>
    public static int WorkingDaysBetween(DateOnly from, DateOnly to, WorkingDayCalendar calendar)
    {
        var days = 0;
        for (var d = from.AddDays(1); d <= to; d = d.AddDays(1)) if (calendar.IsWorkingDay(d)) days++;
        return days;
    }

    /// <summary>The "Partner decision" line's detail, "MeetingRequired; EarlyMajority; 2026-05-11" (see <see cref="Case.PartnersDecided"/>).</summary>
    private static (PartnerChoice Outcome, DecisionMethod Method)? ReadDecision(string? detail)
    {
        var parts = (detail ?? "").Split(';', StringSplitOptions.TrimEntries);
        return parts.Length >= 2 && Enum.TryParse<PartnerChoice>(parts[0], out var outcome) && Enum.TryParse<DecisionMethod>(parts[1], out var method)
            ? (outcome, method) : null;
    }

    private static double? Median(List<int> values)
    {
        if (values.Count == 0) return null;
        values.Sort();
        var mid = values.Count / 2;
        return values.Count % 2 == 1 ? values[mid] : (values[mid - 1] + values[mid]) / 2.0;
    }
}
