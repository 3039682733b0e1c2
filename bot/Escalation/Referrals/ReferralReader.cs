using TeamsSafeguarding.Escalation.Cases;
using System.Collections.Immutable;
using TeamsSafeguarding.Escalation.Risk;
using F = TeamsSafeguarding.Escalation.Referrals.ReferralFields;

namespace TeamsSafeguarding.Escalation.Referrals;

/// <summary>The outcome of reading a draft: a Referral when it is ready to submit, otherwise the errors in the way.</summary>
public sealed record ReferralReadResult(Referral? Referral, IReadOnlyList<FieldError> Errors)
{
    public bool Ready => Referral is not null;
}

/// <summary>Turns a finished draft into the typed referral, only after <see cref="ReferralValidation.ValidateForSubmit"/> passes.</summary>
public static class ReferralReader
{
    public static ReferralReadResult Read(ReferralDraft draft, DateOnly today, ReferringAgencies? agencies = null)
    {
        agencies ??= ReferringAgencies.Standard;
        var errors = ReferralValidation.ValidateForSubmit(draft, today, agencies);
        return errors.Count > 0 ? new ReferralReadResult(null, errors) : new ReferralReadResult(Build(draft, agencies), []);
    }

    // Validation has passed, so every required value is present and parses.
    private static Referral Build(ReferralDraft d, ReferringAgencies agencies)
    {
        string Req(string id) => d.Get(id)!;
        string? Opt(string id) => d.Get(id);
        DateOnly Date(string id) => FieldValues.ParseDate(d.Get(id))!.Value;
        DateOnly? OptDate(string id) => FieldValues.ParseDate(d.Get(id));
        bool Yes(string id) => FieldValues.ParseYesNo(d.Get(id)) == true;
        T Enum<T>(string id) where T : struct, System.Enum => FieldValues.ParseEnum<T>(d.Get(id))!.Value;
        ImmutableArray<Outcome> Outcomes(string id) =>
            [.. FieldValues.SplitMulti(d.Get(id)).Select(v => FieldValues.ParseEnum<Outcome>(v)!.Value)];
        int Score(int n, string part) => FieldValues.ParseWholeNumber(d.Get(F.Risk(n, part)))!.Value;

        var assessed = Yes(F.CapacityAssessed);
        var refuses = Yes(F.RefusesEssentialServices);
        var consent = Enum<ConsentToShare>(F.Consent);
        var withoutConsent = consent != ConsentToShare.Yes;
        var link = Opt(F.RiskAssessmentLink) is { } l && FieldValues.IsValidLink(l) ? new Uri(l) : null;

        return new Referral(
            new Person(Req(F.PersonName), Date(F.PersonDateOfBirth), Req(F.PersonAddress), Req(F.PersonSystemReference),
                Opt(F.PersonNhsNumber)?.Replace(" ", "").Replace("-", "")),
            new Referrer(Req(F.ReferrerName), Req(F.ReferrerRole), agencies.Words(Req(F.ReferrerAgency)), Opt(F.ReferrerEmail), Opt(F.ReferrerTelephone))
            {
                AgencyNotListed = agencies.IsOther(Req(F.ReferrerAgency)) ? Opt(F.ReferrerAgencyOther) : null,
            },
            new CareAndSupportNeeds(Req(F.NeedsDescription), Yes(F.NeedsFromImpairment), Outcomes(F.NeedsOutcomes),
                Enum<HarmCategory>(F.NeedsMostSignificantHarm)),
            new MentalCapacity(Req(F.CapacityDecision), assessed,
                assessed ? OptDate(F.CapacityAssessedOn) : null,
                assessed ? Opt(F.CapacityAssessedBy) : null,
                assessed ? FieldValues.ParseEnum<CapacityConclusion>(d.Get(F.CapacityConclusion)) : null,
                Req(F.CapacityEvidence), refuses, refuses ? Opt(F.RefusedServices) : null),
            new MultiAgencyWork(Req(F.AgenciesInvolved), Req(F.MeetingsHeld), OptDate(F.LatestMeetingOn),
                Opt(F.RiskAssessmentTool), link, Opt(F.NoRiskAssessmentReason), Req(F.NoFurtherInterventions)),
            [.. Enumerable.Range(1, d.RiskCount).Select(n => new ReferralRisk(
                Req(F.Risk(n, F.RiskPart.Worries)), Req(F.Risk(n, F.RiskPart.WorkingWell)), Req(F.Risk(n, F.RiskPart.ActionsTaken)),
                new RiskScore(Score(n, F.RiskPart.LikelihoodBefore), Score(n, F.RiskPart.ImpactBefore)),
                new RiskScore(Score(n, F.RiskPart.LikelihoodAfter), Score(n, F.RiskPart.ImpactAfter))))],
            new DailyLifeAreas(Outcomes(F.DailyLifeAreas), Opt(F.DailyLifeOther)),
            new SharingAgencies(Req(F.SharingAgencies)),
            Req(F.SituationOfConcern),
            new InformationSharing(consent,
                withoutConsent ? FieldValues.ParseEnum<SharingWithoutConsentGround>(d.Get(F.SharingGround)) : null,
                Opt(F.SharingRationale), Enum<Article6Basis>(F.Article6), Enum<Article9Condition>(F.Article9)),
            new SeniorManager(Req(F.ManagerName), Req(F.ManagerRole), Req(F.ManagerAgency), Date(F.ManagerAgreedOn)));
    }
}
