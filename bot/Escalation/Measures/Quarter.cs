using System.Globalization;
using System.Text.RegularExpressions;
using TeamsSafeguarding.Escalation.Calendar;

namespace TeamsSafeguarding.Escalation.Measures;

/// <summary>
/// A quarter of the financial year boards report on (April to March, as SAB annual reports do): Q1 is April to June
/// of <see cref="Year"/>, Q4 January to March of the next year. Days are London days.
/// </summary>
public sealed partial record Quarter(int Year, int Number)
{
    private static readonly CultureInfo English = CultureInfo.GetCultureInfo("en-GB");

    public static Quarter Of(DateOnly day)
    {
        var monthsIntoYear = (day.Month + 8) % 12; // April = 0
        return new Quarter(day.Month >= 4 ? day.Year : day.Year - 1, monthsIntoYear / 3 + 1);
    }

    public DateOnly First => new DateOnly(Year, 4, 1).AddMonths((Number - 1) * 3);
    public DateOnly Last => First.AddMonths(3).AddDays(-1);

    public bool Contains(DateOnly day) => day >= First && day <= Last;
    public bool Contains(DateTimeOffset at) => Contains(LondonTime.DayOf(at));

    /// <summary>The first instant after the quarter (London midnight), for "open at the quarter's end".</summary>
    public DateTimeOffset EndsAt => LondonTime.StartOf(Last.AddDays(1));

    public Quarter Previous => Number == 1 ? new Quarter(Year - 1, 4) : this with { Number = Number - 1 };

    /// <summary>"2026-27 Q1": the key cards and commands use.</summary>
    public string Key => $"{Year}-{(Year + 1) % 100:00} Q{Number}";

    /// <summary>"Q1 2026-27 (April to June 2026)".</summary>
    public string Words => $"Q{Number} {Year}-{(Year + 1) % 100:00} ({First.ToString("MMMM", English)} to {Last.ToString("MMMM yyyy", English)})";

    /// <summary>Reads <see cref="Key"/> ("2026-27 Q1"; also "2026 Q1"); null when it is not a quarter.</summary>
    public static Quarter? Parse(string? text)
    {
        var match = KeyPattern().Match(text?.Trim() ?? "");
        if (!match.Success) return null;
        var year = int.Parse(match.Groups[1].Value, CultureInfo.InvariantCulture);
        if (match.Groups[2].Success && int.Parse(match.Groups[2].Value, CultureInfo.InvariantCulture) != (year + 1) % 100) return null;
        return year is >= 2000 and <= 2100 ? new Quarter(year, int.Parse(match.Groups[3].Value, CultureInfo.InvariantCulture)) : null;
    }

    [GeneratedRegex(@"^(\d{4})(?:-(\d{2}))?\s*[Qq]([1-4])$")]
    private static partial Regex KeyPattern();
}
