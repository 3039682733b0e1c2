namespace TeamsSafeguarding.Escalation.Referrals;

/// <summary>A problem with one field, worded for the person filling the form; shown next to the field.</summary>
public sealed record FieldError(string FieldId, string Message);
