namespace TeamsSafeguarding.Escalation.Referrals;

/// <summary>
/// Field ids, shared by the form definition, the binder, validation and the reader. They are also the
/// Adaptive Card input ids, so they are stable: renaming one orphans saved drafts.
/// </summary>
public static class ReferralFields
{
    public const string PersonName = "person.name";
    public const string PersonDateOfBirth = "person.dateOfBirth";
    public const string PersonAddress = "person.address";
    public const string PersonSystemReference = "person.systemReference";
    public const string PersonNhsNumber = "person.nhsNumber";

    public const string ReferrerName = "referrer.name";
    public const string ReferrerRole = "referrer.role";
    /// <summary>One of the board's referring agencies (<see cref="ReferringAgencies"/>), or "other".</summary>
    public const string ReferrerAgency = "referrer.agency";
    /// <summary>The name of an agency that is not listed: kept in the case file, never shown in a channel.</summary>
    public const string ReferrerAgencyOther = "referrer.agencyOther";
    public const string ReferrerEmail = "referrer.email";
    public const string ReferrerTelephone = "referrer.telephone";

    public const string NeedsDescription = "needs.description";
    public const string NeedsFromImpairment = "needs.fromImpairment";
    public const string NeedsOutcomes = "needs.outcomes";
    public const string NeedsMostSignificantHarm = "needs.mostSignificantHarm";

    public const string CapacityDecision = "capacity.decision";
    public const string CapacityAssessed = "capacity.assessed";
    public const string CapacityAssessedOn = "capacity.assessedOn";
    public const string CapacityAssessedBy = "capacity.assessedBy";
    public const string CapacityConclusion = "capacity.conclusion";
    public const string CapacityEvidence = "capacity.evidence";
    public const string RefusesEssentialServices = "refusal.consistent";
    public const string RefusedServices = "refusal.services";

    public const string AgenciesInvolved = "work.agencies";
    public const string MeetingsHeld = "work.meetings";
    public const string LatestMeetingOn = "work.latestMeetingOn";
    public const string RiskAssessmentTool = "work.riskTool";
    public const string RiskAssessmentLink = "work.riskAssessmentLink";
    public const string NoRiskAssessmentReason = "work.noRiskAssessmentReason";
    public const string NoFurtherInterventions = "work.noFurtherInterventions";
    /// <summary>Not an input: the id errors about the list of risks as a whole are reported against.</summary>
    public const string Risks = "risks";

    public const string DailyLifeAreas = "dailyLife.areas";
    public const string DailyLifeOther = "dailyLife.other";
    public const string SharingAgencies = "concern.sharingAgencies";
    public const string SituationOfConcern = "concern.situation";

    public const string Consent = "sharing.consent";
    public const string SharingGround = "sharing.ground";
    public const string SharingRationale = "sharing.rationale";
    public const string Article6 = "sharing.article6";
    public const string Article9 = "sharing.article9";

    public const string ManagerName = "manager.name";
    public const string ManagerRole = "manager.role";
    public const string ManagerAgency = "manager.agency";
    public const string ManagerAgreedOn = "manager.agreedOn";

    /// <summary>Not an input: errors about the route check are reported against this id.</summary>
    public const string Route = "route";

    /// <summary>The parts of each risk; a risk field id is "risk{n}.{part}", e.g. "risk2.likelihoodBefore".</summary>
    public static class RiskPart
    {
        public const string WorkingWell = "workingWell";
        public const string Worries = "worries";
        public const string ActionsTaken = "actionsTaken";
        public const string LikelihoodBefore = "likelihoodBefore";
        public const string ImpactBefore = "impactBefore";
        public const string LikelihoodAfter = "likelihoodAfter";
        public const string ImpactAfter = "impactAfter";

        public static IReadOnlyList<string> All { get; } =
            [WorkingWell, Worries, ActionsTaken, LikelihoodBefore, ImpactBefore, LikelihoodAfter, ImpactAfter];
    }

    public static string Risk(int number, string part) => $"risk{number}.{part}";
}
