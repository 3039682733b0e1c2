namespace TeamsSafeguarding.Escalation.Calendar;

/// <summary>The date arithmetic the Banking and Financial Dealings Act schedules and proclamations use.</summary>
internal static class HolidayRules
{
    public const string SubstituteSuffix = " (substitute day)";

    public static bool IsWeekend(DateOnly day) => day.DayOfWeek is DayOfWeek.Saturday or DayOfWeek.Sunday;

    public static DateOnly FirstMonday(int year, int month)
    {
        var day = new DateOnly(year, month, 1);
        while (day.DayOfWeek != DayOfWeek.Monday) day = day.AddDays(1);
        return day;
    }

    public static DateOnly LastMonday(int year, int month)
    {
        var day = new DateOnly(year, month, DateTime.DaysInMonth(year, month));
        while (day.DayOfWeek != DayOfWeek.Monday) day = day.AddDays(-1);
        return day;
    }

    /// <summary>A fixed-date holiday that moves to the following Monday when it falls at the weekend.</summary>
    public static BankHoliday MondayIfWeekend(DateOnly day, string name) => day.DayOfWeek switch
    {
        DayOfWeek.Saturday => new BankHoliday(day.AddDays(2), name + SubstituteSuffix),
        DayOfWeek.Sunday => new BankHoliday(day.AddDays(1), name + SubstituteSuffix),
        _ => new BankHoliday(day, name),
    };

    /// <summary>
    /// Two consecutive fixed holidays (25-26 Dec; 1-2 Jan in Scotland). A day on a weekday keeps its date; then each
    /// weekend day, in order, takes the next weekday not already taken. This gives exactly the published pattern:
    /// first day Sat → Mon + Tue; first day Fri → Fri + Mon; first day Sun → Mon (second day) + Tue (first day's substitute).
    /// </summary>
    public static IEnumerable<BankHoliday> PairWithSubstitutes(DateOnly first, string firstName, string secondName)
    {
        (DateOnly Day, string Name)[] pair = [(first, firstName), (first.AddDays(1), secondName)];
        var observed = pair.Where(p => !IsWeekend(p.Day)).Select(p => new BankHoliday(p.Day, p.Name)).ToList();
        foreach (var (day, name) in pair.Where(p => IsWeekend(p.Day)))
        {
            var substitute = day.AddDays(1);
            while (IsWeekend(substitute) || observed.Any(h => h.Date == substitute)) substitute = substitute.AddDays(1);
            observed.Add(new BankHoliday(substitute, name + SubstituteSuffix));
        }
        return observed.OrderBy(h => h.Date);
    }
}
