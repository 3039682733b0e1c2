using TeamsSafeguarding.Escalation.Risk;

namespace TeamsSafeguarding.Escalation.Referrals;

/// <summary>
/// The one risk band a referral is known by on channel cards: the band of its highest score
/// <b>after</b> mitigation. This route exists for risk that multi-agency work has not brought down, so the
/// residual risk is what partners must weigh; the before-mitigation score is history, and using it would
/// overstate every case.
/// </summary>
public static class ReferralRiskLevel
{
    public static RiskBand BandOf(Referral referral, RiskBandScheme scheme) => BandOf(referral.Risks, scheme)
        ?? throw new ArgumentException("A submitted referral has at least one risk.", nameof(referral));

    /// <summary>Null when there are no risks.</summary>
    public static RiskBand? BandOf(IEnumerable<ReferralRisk> risks, RiskBandScheme scheme)
    {
        var highest = risks.Select(r => r.After.Value).DefaultIfEmpty(0).Max();
        return highest == 0 ? null : scheme.BandFor(highest);
    }
}
