namespace TeamsSafeguarding.Escalation.Calendar;

/// <summary>One day off: the date it is actually observed (a substitute day where the rules move it) and its name.</summary>
public sealed record BankHoliday(DateOnly Date, string Name);
