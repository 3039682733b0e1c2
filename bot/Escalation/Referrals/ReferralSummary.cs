using TeamsSafeguarding.Escalation.Cases;
using TeamsSafeguarding.Escalation.Risk;

namespace TeamsSafeguarding.Escalation.Referrals;

/// <summary>
/// What a channel card may say about a referral. Channels are seen by every member (guests too), kept and
/// searchable, so this has no place for a name, date of birth, address, NHS number or narrative: only the
/// case reference, stage, referring agency and risk band word. Do not add fields without checking
/// domain.md section 6.
/// </summary>
public sealed record ReferralSummary(CaseReference CaseReference, CaseStage Stage, string ReferringAgency, RiskBand? RiskBand)
{
    public const int MaxAgencyLength = 100;

    public string ReferringAgency { get; } = AgencyOnly(ReferringAgency);

    /// <summary>"High", or "Not scored" when there are no risks yet. Always a word, never only a colour.</summary>
    public string RiskWord => RiskBand?.Word ?? "Not scored";

    public static ReferralSummary For(CaseReference caseReference, CaseStage stage, Referral referral, RiskBandScheme scheme) =>
        new(caseReference, stage, referral.Referrer.Agency, ReferralRiskLevel.BandOf(referral, scheme));

    // An agency name is one short line; anything longer is not an agency name and is cut rather than shown.
    private static string AgencyOnly(string agency)
    {
        var line = (agency ?? "").Split('\n')[0].Trim();
        return line.Length > MaxAgencyLength ? line[..MaxAgencyLength] : line;
    }
}
