namespace TeamsSafeguarding.Escalation.Partners;

/// <summary>
/// The chair's (or, by setting, the DBM's) decision when the partners reached no majority by the end of
/// working day 10. The rationale is required and is free text: never log it.
/// </summary>
public sealed record CastingDecision(
    PartnerChoice Outcome,
    string Rationale,
    CastingActor Actor,
    string DecidedBy,
    DateTimeOffset At,
    string RequestId)
{
    public const int MaxRationaleLength = 4000;
}
