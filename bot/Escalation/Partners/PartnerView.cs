namespace TeamsSafeguarding.Escalation.Partners;

/// <summary>
/// One view given by a member of a partner agency. <paramref name="RequestId"/> identifies the click (e.g. the
/// activity id) so a re-delivered click is recorded once. The rationale is free text: never log it.
/// </summary>
public sealed record PartnerView(
    string AgencyId,
    string MemberId,
    PartnerChoice Choice,
    string Rationale,
    DateTimeOffset GivenAt,
    string RequestId)
{
    public const int MaxRationaleLength = 2000;

    /// <summary>Same person saying the same thing: a repeat, not a change.</summary>
    public bool SaysTheSameAs(PartnerView other) =>
        AgencyId == other.AgencyId && MemberId == other.MemberId && Choice == other.Choice &&
        string.Equals((Rationale ?? "").Trim(), (other.Rationale ?? "").Trim(), StringComparison.Ordinal);
}
