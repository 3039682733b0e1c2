namespace TeamsSafeguarding.Escalation.Calendar;

/// <summary>Configuration section "Calendar": the board's working-day calendar and its deadline lengths.</summary>
public sealed class CalendarOptions
{
    public const string Section = "Calendar";

    public BankHolidayRegion Region { get; set; } = BankHolidayRegion.EnglandAndWales;

    /// <summary>Days the board treats as closed on top of bank holidays (ISO dates, e.g. "2025-12-24").</summary>
    public List<DateOnly> ExtraClosureDays { get; set; } = [];

    /// <summary>Partners' views are due by the end of this working day after the referral is sent.</summary>
    public int ViewsDueWorkingDays { get; set; } = 5;

    /// <summary>The partners' decision is due by the end of this working day after the referral is sent.</summary>
    public int DecisionDueWorkingDays { get; set; } = 10;

    /// <summary>A deadline shows "Due soon" from this many working days before its due date.</summary>
    public int DueSoonWorkingDays { get; set; } = 1;
}
