namespace TeamsSafeguarding.Escalation.Calendar;

/// <summary>Easter Sunday, from which Good Friday and Easter Monday follow.</summary>
public static class EasterDate
{
    /// <summary>Easter Sunday in the Gregorian calendar (the anonymous Gregorian, or Meeus/Jones/Butcher, algorithm).</summary>
    public static DateOnly Sunday(int year)
    {
        int a = year % 19;
        int b = year / 100, c = year % 100;
        int d = b / 4, e = b % 4;
        int f = (b + 8) / 25;
        int g = (b - f + 1) / 3;
        int h = (19 * a + b - d - g + 15) % 30;
        int i = c / 4, k = c % 4;
        int l = (32 + 2 * e + 2 * i - h - k) % 7;
        int m = (a + 11 * h + 22 * l) / 451;
        int month = (h + l - 7 * m + 114) / 31;
        int day = (h + l - 7 * m + 114) % 31 + 1;
        return new DateOnly(year, month, day);
    }

    public static DateOnly GoodFriday(int year) => Sunday(year).AddDays(-2);

    public static DateOnly EasterMonday(int year) => Sunday(year).AddDays(1);
}
