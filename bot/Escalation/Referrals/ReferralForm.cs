using TeamsSafeguarding.Escalation.Risk;
using F = TeamsSafeguarding.Escalation.Referrals.ReferralFields;

namespace TeamsSafeguarding.Escalation.Referrals;

/// <summary>
/// The referral form as data: six sections then a review step. Cards are rendered from this, and
/// validation checks against it, so the two cannot drift apart.
/// </summary>
public static class ReferralForm
{
    public const string PersonSection = "person";
    public const string NeedsSection = "needs";
    public const string CapacitySection = "capacity";
    public const string MultiAgencySection = "multiAgency";
    public const string ConcernSection = "concern";
    public const string SharingSection = "sharing";
    public const string ReviewStep = "review";

    /// <summary>
    /// A referral holds one to ten risks ("Add another risk" / "Remove this risk"). Ten covers the chronic cases this
    /// route is for; anything beyond belongs in the linked risk assessment. The section card shows one risk's inputs
    /// at a time (the others as one-line summaries), so its size does not grow with the count.
    /// </summary>
    public const int MinRisks = 1;
    public const int MaxRisks = 10;

    public const int ShortText = 200;
    public const int LongText = 2000;
    public const int SituationText = 4000;
    /// <summary>Each risk's narratives: a paragraph each, so ten risks still fit the case details card.</summary>
    public const int RiskText = 1000;

    private static readonly IReadOnlyList<FieldChoice> YesNo = [new("yes", "Yes"), new("no", "No")];

    public static IReadOnlyList<FormSection> Sections { get; } =
    [
        new(PersonSection, 1, "The person and you", "Who the referral is about, and who is making it.",
        [
            Text(F.PersonName, "The person's full name", "Enter the person's name"),
            new FormField(F.PersonDateOfBirth, "Date of birth", FieldKind.Date)
                { Required = true, MissingMessage = "Enter the date of birth", DateRule = DateRule.AdultDateOfBirth },
            Long(F.PersonAddress, "Address or locality", "Enter the person's address or locality", 500),
            Text(F.PersonSystemReference, "Your system's reference for the person", "Enter your system's reference for the person", 50)
                with { HelpText = "The person's id in your own agency's case system." },
            new FormField(F.PersonNhsNumber, "NHS number (optional)", FieldKind.Text)
                { MaxLength = 12, Format = TextFormat.NhsNumber, Noun = "NHS number" },
            Text(F.ReferrerName, "Your name", "Enter your name"),
            Text(F.ReferrerRole, "Your role", "Enter your role"),
            Choice(F.ReferrerAgency, "Your agency", "Choose your agency, or \"Another agency\" if it is not listed",
                ReferringAgencies.Standard.Choices),
            new FormField(F.ReferrerAgencyOther, "Your agency's name, if it is not listed", FieldKind.Text)
            {
                MaxLength = ShortText, Noun = "Agency name",
                HelpText = "It stays in the case file for the board's coordinators; it is never shown in a channel.",
            },
            new FormField(F.ReferrerEmail, "Your email (optional)", FieldKind.Text)
                { MaxLength = 254, Format = TextFormat.Email, Noun = "Email" },
            new FormField(F.ReferrerTelephone, "Your telephone (optional)", FieldKind.Text)
                { MaxLength = 30, Format = TextFormat.Telephone, Noun = "Telephone" },
        ]),
        new(NeedsSection, 2, "Care and support needs", "Section 1 of the board's referral: needs and the most significant harm.",
        [
            Long(F.NeedsDescription, "The person's care and support needs", "Describe the person's care and support needs"),
            new FormField(F.NeedsFromImpairment, "The needs arise from a physical or mental impairment or illness", FieldKind.Toggle)
                { Required = true, MissingMessage = "Confirm the needs arise from a physical or mental impairment or illness" },
            new FormField(F.NeedsOutcomes, "Outcomes the person cannot achieve", FieldKind.MultiChoice)
            {
                Required = true, MissingMessage = "Choose at least two outcomes the person cannot achieve",
                Choices = FieldValues.ChoicesOf<Outcome>(o => o.DisplayName()),
                MinSelections = 2, MinSelectionsMessage = "Choose at least two outcomes the person cannot achieve",
                HelpText = "Tick every outcome the person cannot achieve. At least two are needed for this route.",
            },
            new FormField(F.NeedsMostSignificantHarm, "The most significant harm", FieldKind.Choice)
            {
                Required = true, MissingMessage = "Choose the most significant harm",
                Choices = FieldValues.ChoicesOf<HarmCategory>(h => h.DisplayName()),
            },
        ]),
        new(CapacitySection, 3, "Mental capacity and refusal of services", "Section 2: capacity for the specific decision, and refusal of essential services.",
        [
            Long(F.CapacityDecision, "The specific decision capacity relates to", "Enter the specific decision", 500),
            Choice(F.CapacityAssessed, "Has capacity for this decision been formally assessed?", "Say whether capacity has been assessed", YesNo),
            new FormField(F.CapacityAssessedOn, "When it was assessed", FieldKind.Date)
                { DateRule = DateRule.NotInFuture, HelpText = "Needed if capacity was assessed.", Noun = "Date assessed" },
            new FormField(F.CapacityAssessedBy, "Who assessed it (name and role)", FieldKind.Text)
                { MaxLength = ShortText, HelpText = "Needed if capacity was assessed." },
            new FormField(F.CapacityConclusion, "The conclusion", FieldKind.Choice)
                { Choices = FieldValues.ChoicesOf<CapacityConclusion>(c => c.DisplayName()), HelpText = "Needed if capacity was assessed." },
            Long(F.CapacityEvidence, "Evidence of capacity", "Describe the evidence of capacity")
                with { HelpText = "How it was assessed and what showed capacity, or why capacity is presumed." },
            Choice(F.RefusesEssentialServices, "Does the person consistently refuse essential services?", "Say whether the person consistently refuses essential services", YesNo),
            new FormField(F.RefusedServices, "Which services are refused, and how", FieldKind.Multiline)
                { MaxLength = LongText, HelpText = "Needed if the person refuses services." },
        ]),
        new(MultiAgencySection, 4, "Multi-agency work and risks", "Section 3: what has been tried, and the risks that remain.",
        [
            Long(F.AgenciesInvolved, "Agencies involved", "List the agencies involved", 1000),
            Long(F.MeetingsHeld, "Multi-agency meetings held, and when", "Describe the meetings held and when", 1000),
            new FormField(F.LatestMeetingOn, "Date of the latest multi-agency meeting (optional)", FieldKind.Date) { DateRule = DateRule.NotInFuture },
            new FormField(F.RiskAssessmentTool, "Risk assessment tool used", FieldKind.Text)
                { MaxLength = ShortText, HelpText = "Or explain below why there is no risk assessment." },
            new FormField(F.RiskAssessmentLink, "Link to the latest risk assessment", FieldKind.Text)
                { MaxLength = 1000, Format = TextFormat.Url, Noun = "Link" },
            new FormField(F.NoRiskAssessmentReason, "If there is no risk assessment, why not", FieldKind.Multiline) { MaxLength = LongText },
            .. Enumerable.Range(1, MaxRisks).SelectMany(RiskFields),
            Long(F.NoFurtherInterventions, "Why the group has no further interventions to offer", "Explain why there are no further interventions to offer"),
        ]),
        new(ConcernSection, 5, "Daily life and shared concern", "Sections 4 and 5: where the concerns affect daily life, and who shares them.",
        [
            new FormField(F.DailyLifeAreas, "Areas of day-to-day life affected", FieldKind.MultiChoice)
            {
                Required = true, MissingMessage = "Choose at least one area of day-to-day life affected",
                Choices = FieldValues.ChoicesOf<Outcome>(o => o.DisplayName()),
            },
            new FormField(F.DailyLifeOther, "Other areas affected (optional)", FieldKind.Multiline) { MaxLength = 1000 },
            Long(F.SharingAgencies, "Agencies that share this level of concern", "List the agencies that share this level of concern", 1000),
            Long(F.SituationOfConcern, "The situation of concern", "Describe the situation of concern", SituationText),
        ]),
        new(SharingSection, 6, "Information sharing and sign-off", "Consent, the lawful basis for sharing, and your senior manager's agreement.",
        [
            Choice(F.Consent, "Has the person consented to this referral being shared?", "Say whether the person consented to sharing",
                FieldValues.ChoicesOf<ConsentToShare>(c => c.DisplayName())),
            new FormField(F.SharingGround, "Ground for sharing without consent", FieldKind.Choice)
            {
                Choices = FieldValues.ChoicesOf<SharingWithoutConsentGround>(g => g.DisplayName()),
                HelpText = "Needed if the person did not consent or was not asked.",
            },
            new FormField(F.SharingRationale, "Why sharing without consent is justified", FieldKind.Multiline)
                { MaxLength = LongText, HelpText = "Needed if the person did not consent or was not asked." },
            Choice(F.Article6, "Lawful basis (UK GDPR Article 6)", "Choose the Article 6 lawful basis",
                FieldValues.ChoicesOf<Article6Basis>(b => b.DisplayName())) with
                { HelpText = "Public bodies usually rely on public task. Recognised legitimate interest is for non-public organisations only." },
            Choice(F.Article9, "Special category condition (UK GDPR Article 9)", "Choose the Article 9 condition",
                FieldValues.ChoicesOf<Article9Condition>(c => c.DisplayName())),
            Text(F.ManagerName, "Senior manager who reviewed and agreed this referral", "Enter the senior manager's name"),
            Text(F.ManagerRole, "Senior manager's role", "Enter the senior manager's role"),
            Text(F.ManagerAgency, "Senior manager's agency", "Enter the senior manager's agency"),
            new FormField(F.ManagerAgreedOn, "Date the senior manager agreed", FieldKind.Date)
                { Required = true, MissingMessage = "Enter the date the senior manager agreed", DateRule = DateRule.NotInFuture },
        ]),
    ];

    /// <summary>The step after the six sections: everything read back before submit.</summary>
    public static FormSection Review { get; } = new(ReviewStep, null, "Check your answers", "Check everything before you submit.", []);

    /// <summary>The sections then the review step, in order.</summary>
    public static IReadOnlyList<FormSection> Steps { get; } = [.. Sections, Review];

    public static FormSection? Find(string? stepId) =>
        Steps.FirstOrDefault(s => string.Equals(s.Id, stepId, StringComparison.Ordinal));

    /// <summary>The sections offering the board's own list of referring agencies (the standard list when null).</summary>
    public static IReadOnlyList<FormSection> SectionsFor(ReferringAgencies? agencies) =>
        agencies is null || ReferenceEquals(agencies, ReferringAgencies.Standard)
            ? Sections
            : [.. Sections.Select(s => s with { Fields = [.. s.Fields.Select(f => f.Id == F.ReferrerAgency ? f with { Choices = agencies.Choices } : f)] })];

    /// <summary>A step, with the board's own list of referring agencies.</summary>
    public static FormSection? Find(string? stepId, ReferringAgencies? agencies) =>
        stepId == ReviewStep ? Review : SectionsFor(agencies).FirstOrDefault(s => string.Equals(s.Id, stepId, StringComparison.Ordinal));

    public static FormField? FindField(string fieldId) =>
        Sections.SelectMany(s => s.Fields).FirstOrDefault(f => f.Id == fieldId);

    /// <summary>The step after this one (null after review or for an unknown id).</summary>
    public static FormSection? Next(string stepId) => Offset(stepId, +1);

    /// <summary>The step before this one (null before the first section or for an unknown id).</summary>
    public static FormSection? Previous(string stepId) => Offset(stepId, -1);

    /// <summary>"Section 2 of 6", or "Check your answers" on the review step.</summary>
    public static string Progress(string stepId) =>
        Find(stepId) is { Number: { } n } ? $"Section {n} of {Sections.Count}" : Review.Title;

    private static FormSection? Offset(string stepId, int by)
    {
        var index = Steps.ToList().FindIndex(s => s.Id == stepId);
        if (index < 0) return null;
        var target = index + by;
        return target >= 0 && target < Steps.Count ? Steps[target] : null;
    }

    private static IEnumerable<FormField> RiskFields(int n)
    {
        FormField Score(string part, string label, string noun, string guide) =>
            new(F.Risk(n, part), label, FieldKind.Number)
            {
                Required = true, Min = RiskScore.Lowest, Max = RiskScore.Highest, Noun = noun, RiskNumber = n, HelpText = guide,
                MissingMessage = $"Enter the {noun.ToLowerInvariant()} from 1 to 5",
            };
        FormField Narrative(string part, string label, string missing) =>
            Long(F.Risk(n, part), label, missing, RiskText) with { RiskNumber = n };

        yield return Narrative(F.RiskPart.Worries, $"Risk {n}: what the group is worried about", "Describe what the group is worried about");
        // Every label names its risk, so the review page and case details read unambiguously.
        yield return Narrative(F.RiskPart.WorkingWell, $"Risk {n}: what is working well", "Describe what is working well");
        yield return Narrative(F.RiskPart.ActionsTaken, $"Risk {n}: actions taken", "Describe the actions taken");
        yield return Score(F.RiskPart.LikelihoodBefore, $"Risk {n}: likelihood before mitigation (1-5)", "Likelihood", RiskScale.LikelihoodGuide);
        yield return Score(F.RiskPart.ImpactBefore, $"Risk {n}: impact before mitigation (1-5)", "Impact", RiskScale.ImpactGuide);
        yield return Score(F.RiskPart.LikelihoodAfter, $"Risk {n}: likelihood after mitigation (1-5)", "Likelihood", RiskScale.LikelihoodGuide);
        yield return Score(F.RiskPart.ImpactAfter, $"Risk {n}: impact after mitigation (1-5)", "Impact", RiskScale.ImpactGuide);
    }

    private static FormField Text(string id, string label, string missing, int max = ShortText) =>
        new(id, label, FieldKind.Text) { Required = true, MissingMessage = missing, MaxLength = max };

    private static FormField Long(string id, string label, string missing, int max = LongText) =>
        new(id, label, FieldKind.Multiline) { Required = true, MissingMessage = missing, MaxLength = max };

    private static FormField Choice(string id, string label, string missing, IReadOnlyList<FieldChoice> choices) =>
        new(id, label, FieldKind.Choice) { Required = true, MissingMessage = missing, Choices = choices };
}
