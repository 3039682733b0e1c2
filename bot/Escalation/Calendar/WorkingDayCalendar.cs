using System.Collections.Concurrent;

namespace TeamsSafeguarding.Escalation.Calendar;

/// <summary>
/// Which days count as working days for a board: not Saturday or Sunday, not a bank holiday in its region, and not one
/// of its own extra closure days (e.g. a council's Christmas shutdown). Immutable and safe to share between threads.
/// </summary>
public sealed class WorkingDayCalendar
{
    private readonly HashSet<DateOnly> extraClosureDays;
    private readonly ConcurrentDictionary<int, HashSet<DateOnly>> holidayDatesByYear = new();

    public WorkingDayCalendar(BankHolidayRegion region, IEnumerable<DateOnly>? extraClosureDays = null)
    {
        if (!Enum.IsDefined(region))
            throw new ArgumentOutOfRangeException(nameof(region), region, "Unknown bank holiday region.");
        Region = region;
        this.extraClosureDays = [.. extraClosureDays ?? []];
    }

    public BankHolidayRegion Region { get; }

    public IReadOnlyCollection<DateOnly> ExtraClosureDays => extraClosureDays;

    public IReadOnlyList<BankHoliday> BankHolidaysIn(int year) => BankHolidays.For(Region, year);

    public bool IsWorkingDay(DateOnly day) =>
        !HolidayRules.IsWeekend(day)
        && !extraClosureDays.Contains(day)
        && !holidayDatesByYear.GetOrAdd(day.Year, y => [.. BankHolidaysIn(y).Select(h => h.Date)]).Contains(day);

    /// <summary>
    /// Working day <paramref name="n"/> after <paramref name="dayZero"/>, as in "within N working days": day 0 (the trigger
    /// day) never counts and day 1 is the next working day, so a Friday and a Saturday trigger give the same answer.
    /// n = 0 returns day 0 itself.
    /// </summary>
    public DateOnly AddWorkingDays(DateOnly dayZero, int n) => Step(dayZero, n, +1);

    /// <summary>
    /// "N working days before" an event: counts back from the event day (which itself never counts), so the
    /// 10th working day before a Wednesday panel with no holidays between is the Wednesday two weeks earlier.
    /// </summary>
    public DateOnly SubtractWorkingDays(DateOnly eventDay, int n) => Step(eventDay, n, -1);

    private DateOnly Step(DateOnly from, int n, int direction)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(n);
        var day = from;
        for (var counted = 0; counted < n;)
        {
            day = day.AddDays(direction);
            if (IsWorkingDay(day)) counted++;
        }
        return day;
    }
}
