namespace TeamsSafeguarding.Escalation.Calendar;

/// <summary>
/// One-off proclamations that move or add a bank holiday. The rules cannot predict these and gov.uk lists only about two
/// years ahead, so new ones are added here by hand. All of these were UK-wide, so they apply to every region.
/// </summary>
public static class HolidayOverrides
{
    /// <summary>An extra day off, optionally replacing the rule day it was moved from.</summary>
    public sealed record HolidayOverride(DateOnly Date, string Name, DateOnly? Replaces = null);

    public static IReadOnlyList<HolidayOverride> All { get; } =
    [
        new(new DateOnly(2020, 5, 8), "Early May bank holiday (VE day)", Replaces: new DateOnly(2020, 5, 4)),
        new(new DateOnly(2022, 6, 2), "Spring bank holiday", Replaces: new DateOnly(2022, 5, 30)),
        new(new DateOnly(2022, 6, 3), "Platinum Jubilee bank holiday"),
        new(new DateOnly(2022, 9, 19), "Bank holiday for the State Funeral of Queen Elizabeth II"),
        new(new DateOnly(2023, 5, 8), "Bank holiday for the coronation of King Charles III"),
    ];

    /// <summary>The year's rule days with that year's one-offs applied, in date order.</summary>
    public static IReadOnlyList<BankHoliday> Apply(int year, IEnumerable<BankHoliday> byRule)
    {
        var overrides = All.Where(o => o.Date.Year == year).ToList();
        var replaced = overrides.Where(o => o.Replaces is not null).Select(o => o.Replaces!.Value).ToHashSet();
        return byRule
            .Where(h => !replaced.Contains(h.Date))
            .Concat(overrides.Select(o => new BankHoliday(o.Date, o.Name)))
            .OrderBy(h => h.Date)
            .ToList();
    }
}
