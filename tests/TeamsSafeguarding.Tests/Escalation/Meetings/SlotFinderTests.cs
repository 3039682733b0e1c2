using TeamsSafeguarding.Escalation.Calendar;
using TeamsSafeguarding.Escalation.Meetings;
using TeamsSafeguarding.Escalation.Process;
using Xunit;

namespace TeamsSafeguarding.Tests.Escalation.Meetings;

public class SlotFinderTests
{
    private static readonly WorkingDayCalendar EnglandAndWales = new(BankHolidayRegion.EnglandAndWales);
    private static readonly ProcessProfile Profile = ProcessProfile.Default with { MeetingSearchWorkingDays = 3, MeetingLengthMinutes = 90 };
    private static DateTimeOffset London(int month, int day, int hour, int minute = 0) =>
        LondonTime.At(new DateOnly(2026, month, day), new TimeOnly(hour, minute));

    [Fact]
    public void The_window_is_the_next_working_days_in_London_hours_skipping_weekends_and_bank_holidays()
    {
        // Thursday 2 April 2026: Good Friday (3 April) and Easter Monday (6 April) are bank holidays.
        var window = SlotFinder.Window(London(4, 2, 15), EnglandAndWales, Profile);

        var days = window.Candidates.Select(c => LondonTime.DayOf(c.Start)).Distinct().ToList();
        Assert.Equal([new DateOnly(2026, 4, 7), new DateOnly(2026, 4, 8), new DateOnly(2026, 4, 9)], days);
        // 09:30 to 16:30 London (BST: 08:30 UTC), 90 minutes, every half hour: 09:30 … 15:00, 12 a day.
        Assert.Equal(36, window.Candidates.Count);
        Assert.Equal(new DateTimeOffset(2026, 4, 7, 8, 30, 0, TimeSpan.Zero), window.Start);
        Assert.Equal(new DateTimeOffset(2026, 4, 9, 15, 30, 0, TimeSpan.Zero), window.End);
        Assert.Equal(new TimeOnly(15, 0), LondonTime.TimeOf(window.Candidates[^1].Start));
        Assert.All(window.Candidates, c => Assert.Equal(TimeSpan.FromMinutes(90), c.End - c.Start));
    }

    [Fact]
    public void The_best_three_have_the_organiser_and_every_partner_free_then_the_most_people_and_do_not_overlap()
    {
        var window = SlotFinder.Window(London(3, 9, 17), EnglandAndWales, Profile with { MeetingSearchWorkingDays = 1 }); // Tuesday 10 March (GMT)
        var day = new DateOnly(2026, 3, 10);
        DateTimeOffset At(int hour, int minute = 0) => LondonTime.At(day, new TimeOnly(hour, minute));
        var schedules = new List<PersonSchedule>
        {
            new("organiser@x", true, [new(At(9, 30), At(11, 0), Availability.Busy)]),
            new("police@x", true, [new(At(14, 0), At(17, 0), Availability.Away)]),
            new("advocate@x", true, [new(At(11, 0), At(12, 0), Availability.Busy), new(At(12, 0), At(13, 0), Availability.Tentative)]),
            new("gp@x", true, [new(At(12, 30), At(13, 30), Availability.Busy)]),
            PersonSchedule.Unknown("unknown@x"),
        };

        var best = SlotFinder.Best(window, schedules, ["organiser@x", "police@x", "unknown@x"]);

        // The organiser is busy until 11:00 and the police away from 14:00, so only 11:00, 11:30, 12:00 and 12:30 starts are
        // possible. 11:00-12:30 has the organiser, police and GP free (the advocate busy): the best. Of the rest, 12:30 has
        // two free and the advocate only tentative, and does not overlap it; 11:30 and 12:00 do.
        Assert.Equal([(At(11, 0), 3, 0, 5), (At(12, 30), 2, 1, 5)], best.Select(s => (s.Start, s.Free, s.Tentative, s.Of)));
    }

    [Fact]
    public void No_time_is_offered_when_a_statutory_partner_is_away_all_window()
    {
        var window = SlotFinder.Window(London(3, 9, 17), EnglandAndWales, Profile);
        var schedules = new List<PersonSchedule> { new("police@x", true, [new(window.Start.AddDays(-1), window.End.AddDays(1), Availability.Away)]) };

        Assert.Empty(SlotFinder.Best(window, schedules, ["police@x"]));
        Assert.Equal(3, SlotFinder.Best(window, schedules, ["someone-else@x"]).Count); // not required: it does not block
    }
}
