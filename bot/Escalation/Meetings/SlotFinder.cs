using TeamsSafeguarding.Escalation.Calendar;
using TeamsSafeguarding.Escalation.Process;

namespace TeamsSafeguarding.Escalation.Meetings;

/// <summary>A time to offer: when, and how many of the people asked are free (or only tentatively busy) then.</summary>
public sealed record ProposedSlot(DateTimeOffset Start, DateTimeOffset End, int Free, int Tentative, int Of);

/// <summary>The stretch of time searched, and the meeting times considered within it (London working hours, working days).</summary>
public sealed record SearchWindow(DateTimeOffset Start, DateTimeOffset End, IReadOnlyList<(DateTimeOffset Start, DateTimeOffset End)> Candidates);

/// <summary>
/// Finding the meeting's time (issue: "the three best slots"): every start on the half hour within the board's meeting
/// hours, on the next <see cref="ProcessProfile.MeetingSearchWorkingDays"/> working days (England and Wales bank
/// holidays and the board's closure days skipped), London time. A time is offered only when the organiser and every
/// statutory partner are free (a calendar that could not be read does not block it); the best have the most people free,
/// then the fewest tentative, then the earliest, and no two offered times overlap.
/// </summary>
public static class SlotFinder
{
    public static readonly TimeSpan Step = TimeSpan.FromMinutes(30);

    public static SearchWindow Window(DateTimeOffset now, WorkingDayCalendar calendar, ProcessProfile profile)
    {
        var length = TimeSpan.FromMinutes(profile.MeetingLengthMinutes);
        var today = LondonTime.DayOf(now);
        var days = Enumerable.Range(1, profile.MeetingSearchWorkingDays).Select(n => calendar.AddWorkingDays(today, n)).ToList();
        var candidates = new List<(DateTimeOffset, DateTimeOffset)>();
        var first = profile.MeetingDayStart.ToTimeSpan();
        foreach (var day in days)
            for (var at = first; at + length <= profile.MeetingDayEnd.ToTimeSpan(); at += Step)
            {
                var start = LondonTime.At(day, TimeOnly.FromTimeSpan(at));
                candidates.Add((start, start + length));
            }
        return new SearchWindow(LondonTime.At(days[0], profile.MeetingDayStart), LondonTime.At(days[^1], profile.MeetingDayEnd), candidates);
    }

    public static IReadOnlyList<ProposedSlot> Best(SearchWindow window, IReadOnlyList<PersonSchedule> schedules, IReadOnlyCollection<string> required,
        int count = 3)
    {
        var mustBeFree = new HashSet<string>(required, StringComparer.OrdinalIgnoreCase);
        var scored = new List<ProposedSlot>();
        foreach (var (start, end) in window.Candidates)
        {
            int free = 0, tentative = 0;
            var blocked = false;
            foreach (var person in schedules.Where(s => s.Known))
            {
                var availability = person.During(start, end);
                if (availability == Availability.Free) free++;
                else if (availability == Availability.Tentative) tentative++;
                if (availability >= Availability.Busy && mustBeFree.Contains(person.Email)) blocked = true;
            }
            if (!blocked) scored.Add(new ProposedSlot(start, end, free, tentative, schedules.Count));
        }
        var best = new List<ProposedSlot>();
        foreach (var slot in scored.OrderByDescending(s => s.Free).ThenBy(s => s.Tentative).ThenBy(s => s.Start))
        {
            if (best.Any(b => b.Start < slot.End && slot.Start < b.End)) continue;
            best.Add(slot);
            if (best.Count == count) break;
        }
        return best.OrderBy(s => s.Start).ToList();
    }
}
