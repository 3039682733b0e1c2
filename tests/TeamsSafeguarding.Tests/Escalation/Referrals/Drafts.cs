using TeamsSafeguarding.Escalation.Cases;
using TeamsSafeguarding.Escalation.Referrals;
using F = TeamsSafeguarding.Escalation.Referrals.ReferralFields;

namespace TeamsSafeguarding.Tests.Escalation.Referrals;

/// <summary>Test drafts: a complete, valid referral, from which each test changes one thing.</summary>
internal static class Drafts
{
    public static readonly DateOnly Today = new(2026, 3, 27);
    public static readonly RouteAnswers RouteOk = new(false, false, false);

    public static ReferralDraft Empty() => ReferralDraft.Start(RouteOk);

    public static ReferralDraft Complete() => Fill(Empty(), new Dictionary<string, string?>
    {
        [F.PersonName] = "Alex Example",
        [F.PersonDateOfBirth] = "1960-05-01",
        [F.PersonAddress] = "1 Test Street, Testtown",
        [F.PersonSystemReference] = "LAS-12345",
        [F.PersonNhsNumber] = "943 476 5919",
        [F.ReferrerName] = "Sam Worker",
        [F.ReferrerRole] = "Social worker",
        [F.ReferrerAgency] = "adult-social-care", // "Adult Social Care" on the board's standard list
        [F.NeedsDescription] = "Needs help with daily living.",
        [F.NeedsFromImpairment] = "true",
        [F.NeedsOutcomes] = "Nutrition,HabitableHome",
        [F.NeedsMostSignificantHarm] = "SelfNeglectAndHoarding",
        [F.CapacityDecision] = "Whether to accept care at home",
        [F.CapacityAssessed] = "yes",
        [F.CapacityAssessedOn] = "2026-02-10",
        [F.CapacityAssessedBy] = "Dr A, psychiatrist",
        [F.CapacityConclusion] = "HasCapacity",
        [F.CapacityEvidence] = "Understood, retained and weighed the information.",
        [F.RefusesEssentialServices] = "yes",
        [F.RefusedServices] = "Refuses home care visits.",
        [F.AgenciesInvolved] = "ASC, GP, police",
        [F.MeetingsHeld] = "Three MARM meetings since October",
        [F.RiskAssessmentTool] = "MARM risk tool",
        [F.RiskAssessmentLink] = "https://records.example.org/ra/1",
        [F.Risk(1, F.RiskPart.Worries)] = "Fire risk from hoarding",
        [F.Risk(1, F.RiskPart.WorkingWell)] = "Engages with GP",
        [F.Risk(1, F.RiskPart.ActionsTaken)] = "Fire service visit",
        [F.Risk(1, F.RiskPart.LikelihoodBefore)] = "5",
        [F.Risk(1, F.RiskPart.ImpactBefore)] = "5",
        [F.Risk(1, F.RiskPart.LikelihoodAfter)] = "3",
        [F.Risk(1, F.RiskPart.ImpactAfter)] = "4",
        [F.NoFurtherInterventions] = "All options offered have been refused.",
        [F.DailyLifeAreas] = "Nutrition,UsingTheHomeSafely",
        [F.SharingAgencies] = "GP, police",
        [F.SituationOfConcern] = "Long-standing self-neglect.",
        [F.Consent] = "Yes",
        [F.Article6] = "PublicTask",
        [F.Article9] = "SafeguardingIndividualsAtRisk",
        [F.ManagerName] = "Pat Senior",
        [F.ManagerRole] = "Head of service",
        [F.ManagerAgency] = "Adult Social Care",
        [F.ManagerAgreedOn] = "2026-03-20",
    });

    public static ReferralDraft Fill(ReferralDraft draft, IReadOnlyDictionary<string, string?> answers) =>
        answers.Aggregate(draft, (d, a) => d.With(a.Key, a.Value));

    public static ReferralDraft With(this ReferralDraft draft, params (string Id, string? Value)[] answers) =>
        answers.Aggregate(draft, (d, a) => d.With(a.Id, a.Value));

    /// <summary>The messages for one field after validating its section.</summary>
    public static IReadOnlyList<string> ErrorsFor(ReferralDraft draft, string sectionId, string fieldId) =>
        ReferralValidation.Validate(draft, sectionId, Today).Where(e => e.Field == fieldId).Select(e => e.Message).ToArray();
}
