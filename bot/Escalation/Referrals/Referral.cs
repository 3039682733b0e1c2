using System.Collections.Immutable;
using TeamsSafeguarding.Escalation.Risk;

namespace TeamsSafeguarding.Escalation.Referrals;

/// <summary>
/// A complete referral, as submitted. Holds personal and special-category data: it belongs only in
/// role-gated personal views, never on channel cards or in logs (use <see cref="ReferralSummary"/> there).
/// </summary>
public sealed record Referral(
    Person Person,
    Referrer Referrer,
    CareAndSupportNeeds Needs,
    MentalCapacity Capacity,
    MultiAgencyWork MultiAgencyWork,
    ImmutableArray<ReferralRisk> Risks,
    DailyLifeAreas DailyLife,
    SharingAgencies SharingAgencies,
    string SituationOfConcern,
    InformationSharing InformationSharing,
    SeniorManager SeniorManager);

public sealed record Person(string Name, DateOnly DateOfBirth, string AddressOrLocality, string ReferrerSystemReference, string? NhsNumber);

/// <param name="Agency">A name from the board's list of referring agencies, or "Other": it is shown on channel cards.</param>
public sealed record Referrer(string Name, string Role, string Agency, string? Email, string? Telephone)
{
    /// <summary>The agency's name as typed when it is not listed: for the case file only, never a channel.</summary>
    public string? AgencyNotListed { get; init; }
}

/// <summary>Section 1: needs arising from an impairment or illness, the outcomes not achieved (two or more), the most significant harm.</summary>
public sealed record CareAndSupportNeeds(
    string Description,
    bool ArisesFromImpairmentOrIllness,
    ImmutableArray<Outcome> OutcomesNotAchieved,
    HarmCategory MostSignificantHarm);

/// <summary>Section 2: capacity for a specific decision, and consistent refusal of essential services.</summary>
public sealed record MentalCapacity(
    string Decision,
    bool Assessed,
    DateOnly? AssessedOn,
    string? AssessedBy,
    CapacityConclusion? Conclusion,
    string Evidence,
    bool ConsistentlyRefusesEssentialServices,
    string? ServicesRefused);

/// <summary>Section 3: multi-agency work to date. Either a tool and a link to the latest assessment, or why there is none.</summary>
public sealed record MultiAgencyWork(
    string AgenciesInvolved,
    string MeetingsHeld,
    DateOnly? LatestMeetingOn,
    string? RiskAssessmentTool,
    Uri? LatestRiskAssessment,
    string? NoRiskAssessmentReason,
    string WhyNoFurtherInterventions);

/// <summary>
/// One risk, scored before and after mitigation. (Named ReferralRisk because the scoring namespace is
/// TeamsSafeguarding.Escalation.Risk; a type called Risk would clash with it.)
/// </summary>
public sealed record ReferralRisk(string Worries, string WorkingWell, string ActionsTaken, RiskScore Before, RiskScore After)
{
    public int LikelihoodBefore => Before.Likelihood;
    public int ImpactBefore => Before.Impact;
    public int LikelihoodAfter => After.Likelihood;
    public int ImpactAfter => After.Impact;
}

/// <summary>Section 4: where the concerns affect day-to-day life.</summary>
public sealed record DailyLifeAreas(ImmutableArray<Outcome> Areas, string? Other);

/// <summary>Section 5: the agencies that share this level of concern.</summary>
public sealed record SharingAgencies(string Agencies);

/// <summary>
/// The sharing decision, recorded either way: consent, or the ground and rationale for sharing without it;
/// and always an Article 6 basis and an Article 9 condition (special-category data is being shared).
/// </summary>
public sealed record InformationSharing(
    ConsentToShare Consent,
    SharingWithoutConsentGround? GroundWithoutConsent,
    string? Rationale,
    Article6Basis Article6,
    Article9Condition Article9);

/// <summary>The referring agency's senior manager who reviewed and agreed the referral. Required.</summary>
public sealed record SeniorManager(string Name, string Role, string Agency, DateOnly AgreedOn);
