namespace TeamsSafeguarding.Escalation.Calendar;

/// <summary>Which UK bank-holiday rules a board's working days follow (a per-board setting).</summary>
public enum BankHolidayRegion
{
    EnglandAndWales,
    Scotland,
    NorthernIreland,
}
