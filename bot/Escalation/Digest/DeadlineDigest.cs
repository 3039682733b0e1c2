using TeamsSafeguarding.Escalation.Calendar;
using TeamsSafeguarding.Escalation.Cases;
using TeamsSafeguarding.Escalation.Register;

namespace TeamsSafeguarding.Escalation.Digest;

/// <summary>One line of the digest: a case reference and what is due (of which kind), with its date when it has one.</summary>
public sealed record DigestItem(string CaseId, string Reference, string What, DateOnly? Due, DeadlineKind? Kind = null);

/// <summary>The groups of the coordinators' morning digest, in the order it shows them.</summary>
public enum DigestSection
{
    Overdue,
    DueToday,
    DueSoon,
    WaitingForTriage,
    MeetingsNotBooked,
    ActionsOverdue,
    ReviewsDue,
}

/// <summary>
/// The coordinators' deadline digest for one working day (issue 12): what is overdue, due today, due soon, referrals
/// waiting for triage longer than the profile allows, meetings not yet booked, actions overdue and reviews due. Built
/// from the board's register entries only (references, stages, deadline kinds and dates: nothing personal). Each case
/// is listed once per section; a triage, action or review deadline goes to its own section rather than "overdue".
/// </summary>
public sealed record DeadlineDigest(DateOnly Day, IReadOnlyDictionary<DigestSection, IReadOnlyList<DigestItem>> Sections)
{
    public bool IsEmpty => Sections.Values.All(s => s.Count == 0);

    public IReadOnlyList<DigestItem> this[DigestSection section] => Sections.TryGetValue(section, out var items) ? items : [];

    public static DeadlineDigest For(IEnumerable<RegisterEntry> entries, DateTimeOffset now, WorkingDayCalendar calendar, int dueSoonWorkingDays)
    {
        var today = LondonTime.DayOf(now);
        var soonUntil = calendar.AddWorkingDays(today, dueSoonWorkingDays);
        var sections = Enum.GetValues<DigestSection>().ToDictionary(s => s, _ => new List<DigestItem>());
        foreach (var entry in entries.Where(e => e.IsOpen).OrderBy(e => e.Reference, StringComparer.Ordinal))
        {
            void Add(DigestSection section, string what, DateOnly? due, DeadlineKind? kind = null)
            {
                if (sections[section].All(i => i.CaseId != entry.CaseId)) sections[section].Add(new(entry.CaseId, entry.Reference, what, due, kind));
            }
            if (entry.Stage is CaseStage.MeetingRequired or CaseStage.Arranging)
                Add(DigestSection.MeetingsNotBooked, CaseStageWords.Display(entry.Stage), entry.Deadlines.FirstOrDefault(d => d.Kind == DeadlineKind.Meeting)?.Due);
            if (entry.Stage == CaseStage.ReviewDue && entry.Deadlines.All(d => d.Kind != DeadlineKind.Review))
                Add(DigestSection.ReviewsDue, CaseStageWords.Display(entry.Stage), null);
            foreach (var deadline in entry.Deadlines.OrderBy(d => d.Due))
            {
                var overdue = deadline.Due < today;
                var section = deadline.Kind switch
                {
                    DeadlineKind.Triage when overdue => DigestSection.WaitingForTriage,
                    DeadlineKind.Action when overdue => DigestSection.ActionsOverdue,
                    DeadlineKind.Review when deadline.Due <= soonUntil => DigestSection.ReviewsDue,
                    _ when overdue && IsCurrent(entry, deadline, today) => DigestSection.Overdue,
                    _ when deadline.Due == today => DigestSection.DueToday,
                    _ when deadline.Due > today && deadline.Due <= soonUntil => DigestSection.DueSoon,
                    _ => (DigestSection?)null,
                };
                if (section is { } s) Add(s, deadline.Words, deadline.Due, deadline.Kind);
            }
        }
        return new DeadlineDigest(today, sections.ToDictionary(p => p.Key, p => (IReadOnlyList<DigestItem>)p.Value));
    }

    /// <summary>A passed deadline counts as overdue only while it is the case's current one: once the partners' views date
    /// has passed, the decision date is what the case is working to (the views may all be in).</summary>
    private static bool IsCurrent(RegisterEntry entry, CaseDeadline deadline, DateOnly today) => entry.NextDeadline(today) == deadline;
}
