using TeamsSafeguarding.Escalation.Risk;
using F = TeamsSafeguarding.Escalation.Referrals.ReferralFields;

namespace TeamsSafeguarding.Escalation.Referrals;

/// <summary>
/// The referral form as data: short steps (each fits a phone screen), then a review step. Cards are rendered from this,
/// and validation checks against it, so the two cannot drift apart.
/// </summary>
public static class ReferralForm
{
    public const string PersonSection = "person";
    public const string ReferrerSection = "referrer";
    public const string NeedsSection = "needs";
    public const string CapacitySection = "capacity";
    public const string ViewsSection = "views";
    public const string MultiAgencySection = "multiAgency";
    public const string AssessmentSection = "assessment";
    /// <summary>The risks step; also the case details' page id for the risks (the same word on purpose).</summary>
    public const string RisksSection = "risks";
    public const string ConcernSection = "concern";
    public const string CriteriaSection = "criteria";
    public const string SharingSection = "sharing";
    public const string SignOffSection = "signoff";
    public const string ReviewStep = "review";

    /// <summary>
    /// A referral holds one to ten risks ("Add another risk" / "Remove this risk"). Ten covers the chronic cases this
    /// route is for; anything beyond belongs in the linked risk assessment. The risks step shows one risk's inputs
    /// at a time (the others as one-line rows), so its size does not grow with the count.
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
        new(PersonSection, 1, "The person", "Who the referral is about.",
        [
            Text(F.PersonName, "The person's full name", "Enter the person's name"),
            new FormField(F.PersonDateOfBirth, "Date of birth", FieldKind.Date)
                { Required = true, MissingMessage = "Enter the date of birth", DateRule = DateRule.AdultDateOfBirth },
            Long(F.PersonAddress, "Address or locality", "Enter the person's address or locality", 500),
            Text(F.PersonSystemReference, "Your system's reference for the person", "Enter your system's reference for the person", 50)
                with { HelpText = "The person's id in your own agency's case system." },
            new FormField(F.PersonNhsNumber, "NHS number (optional)", FieldKind.Text)
                { MaxLength = 12, Format = TextFormat.NhsNumber, Noun = "NHS number" },
        ]),
        new(ReferrerSection, 2, "About you", "Who is making the referral.",
        [
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
        new(NeedsSection, 3, "Care and support needs", "The person's needs, what they cannot achieve, and the harm.",
        [
            Long(F.NeedsDescription, "The person's care and support needs", "Describe the person's care and support needs"),
            new FormField(F.NeedsFromImpairment, "The needs arise from a physical or mental impairment or illness", FieldKind.Toggle)
                { Required = true, MissingMessage = "Confirm the needs arise from a physical or mental impairment or illness" },
            new FormField(F.NeedsOutcomes, "Outcomes the person cannot achieve", FieldKind.MultiChoice)
            {
                Required = true, MissingMessage = "Choose at least two outcomes the person cannot achieve",
                Choices = FieldValues.ChoicesOf<Outcome>(o => o.DisplayName()),
                MinSelections = 2, MinSelectionsMessage = "Choose at least two outcomes the person cannot achieve",
                HelpText = "Tick every outcome the person cannot achieve (at least two). These are also taken as the areas of daily life the concerns affect.",
            },
            new FormField(F.NeedsMostSignificantHarm, "The most significant harm", FieldKind.Choice)
            {
                Required = true, MissingMessage = "Choose the most significant harm", Compact = true,
                Choices = FieldValues.ChoicesOf<HarmCategory>(h => h.DisplayName()),
            },
            Long(F.HarmDescription, "What the harm is, and how it shows", "Describe the harm and how it shows", 1000),
        ]),
        new(CapacitySection, 4, "Mental capacity", "This route is for people who have capacity for the decision: it must have been assessed.",
        [
            Long(F.CapacityDecision, "The specific decision capacity relates to", "Enter the specific decision", 500),
            Choice(F.CapacityAssessed, "Has capacity for this decision been assessed?", "Say whether capacity has been assessed", YesNo),
            new FormField(F.CapacityAssessedOn, "When it was assessed", FieldKind.Date)
                { Required = true, MissingMessage = "Enter when capacity was assessed", DateRule = DateRule.NotInFuture, Noun = "Date assessed" },
            Text(F.CapacityAssessedBy, "Who assessed it (name and role)", "Enter who assessed capacity"),
            Choice(F.CapacityConclusion, "The conclusion", "Choose the conclusion of the assessment",
                FieldValues.ChoicesOf<CapacityConclusion>(c => c.DisplayName())),
            Long(F.CapacityEvidence, "How it was assessed, and what showed capacity", "Describe how capacity was assessed and what showed it"),
        ]),
        new(ViewsSection, 5, "The person's views", "What the person wants, their advocate, and the help they refuse.",
        [
            Long(F.PersonsViews, "The person's own views and wishes", "Describe the person's own views and wishes")
                with { HelpText = "In their words where you can: what matters to them, and what they want to happen." },
            new FormField(F.Advocate, "Their advocate, if they have one (optional)", FieldKind.Text)
                { MaxLength = ShortText, HelpText = "Name and organisation. An advocate is invited to the review." },
            Choice(F.RefusesEssentialServices, "Does the person consistently refuse essential services?", "Say whether the person consistently refuses essential services", YesNo),
            new FormField(F.RefusedServices, "Which services are refused, and how", FieldKind.Multiline)
                { MaxLength = LongText, HelpText = "Needed if the person refuses services." },
        ]),
        new(MultiAgencySection, 6, "Multi-agency work", "What agencies have done together so far.",
        [
            Long(F.AgenciesInvolved, "Agencies involved", "List the agencies involved", 1000),
            new FormField(F.MeetingsHeld, "Multi-agency meetings held, and when", FieldKind.Multiline)
                { MaxLength = 1000, HelpText = "Or explain below why there has been no multi-agency work." },
            new FormField(F.NoMultiAgencyWorkReason, "If there has been no multi-agency work, why not", FieldKind.Multiline) { MaxLength = 1000 },
            new FormField(F.LatestMeetingOn, "Date of the latest multi-agency meeting (optional)", FieldKind.Date) { DateRule = DateRule.NotInFuture },
            Text(F.LeadProfessional, "Lead professional (name, role and agency)", "Enter the lead professional")
                with { HelpText = "From the agency most involved: they coordinate the multi-agency work." },
        ]),
        new(AssessmentSection, 7, "Risk assessment", "The latest risk assessment, and why nothing more can be tried.",
        [
            new FormField(F.RiskAssessmentTool, "Risk assessment tool used", FieldKind.Text)
                { MaxLength = ShortText, HelpText = "Or explain below why there is no risk assessment." },
            new FormField(F.RiskAssessmentLink, "Link to the latest risk assessment", FieldKind.Text)
                { MaxLength = 1000, Format = TextFormat.Url, Noun = "Link", HelpText = "A link starting with https://" },
            new FormField(F.NoRiskAssessmentReason, "If there is no risk assessment, why not", FieldKind.Multiline) { MaxLength = LongText },
            Long(F.NoFurtherInterventions, "Why the group has no further interventions to offer", "Explain why there are no further interventions to offer"),
        ]),
        new(RisksSection, 8, "Risks", "Each risk that remains, scored before and after what has been done. One is open at a time: what you type is kept when you open another.",
            [.. Enumerable.Range(1, MaxRisks).SelectMany(RiskFields)]),
        new(ConcernSection, 9, "The situation of concern", "Who shares the concern, and what is happening.",
        [
            Long(F.SharingAgencies, "Agencies that share this level of concern", "List the agencies that share this level of concern", 1000),
            Long(F.SituationOfConcern, "The situation of concern", "Describe the situation of concern", SituationText),
            new FormField(F.DailyLifeOther, "Anything else about how daily life is affected (optional)", FieldKind.Multiline)
                { MaxLength = 1000, HelpText = "The outcomes ticked under care and support needs are already taken as the areas affected." },
        ]),
        new(CriteriaSection, 10, "The criteria for this route", "A senior management review is for cases that meet all of these. Tick each that is true.",
        [
            Confirm(F.CriteriaSignificantHarm, "The person is at risk of significant harm"),
            Confirm(F.CriteriaWellKnown, "The person is well known to agencies, with repeated concerns"),
            Confirm(F.CriteriaNoPlan, "There is no established plan that is reducing the risk"),
            Confirm(F.CriteriaPartnerBelieves, "A statutory partner believes a senior management review would help"),
        ]),
        new(SharingSection, 11, "Information sharing", "Whether the person agreed, and the law that allows sharing.",
        [
            Choice(F.Consent, "Has the person consented to this referral being shared?", "Say whether the person consented to sharing",
                FieldValues.ChoicesOf<ConsentToShare>(c => c.DisplayName())),
            new FormField(F.SharingGround, "Ground for sharing without consent", FieldKind.Choice)
            {
                Choices = FieldValues.ChoicesOf<SharingWithoutConsentGround>(g => g.DisplayName()), Compact = true,
                HelpText = "Needed if the person did not consent or was not asked.",
            },
            new FormField(F.SharingRationale, "Why sharing without consent is justified", FieldKind.Multiline)
                { MaxLength = LongText, HelpText = "Needed if the person did not consent or was not asked." },
            Choice(F.Article6, "The lawful basis for sharing", "Choose the lawful basis for sharing",
                FieldValues.ChoicesOf<Article6Basis>(b => b.DisplayName(), b => b.LegalReference())) with
                { HelpText = InformationSharingNames.Article6References },
            Choice(F.Article9, "The condition for sharing health and other special details", "Choose the condition for sharing special details",
                FieldValues.ChoicesOf<Article9Condition>(c => c.DisplayName(), c => c.LegalReference())) with
                { HelpText = InformationSharingNames.Article9References },
        ]),
        new(SignOffSection, 12, "Your senior manager's agreement", "A senior manager of your agency must have reviewed and agreed this referral.",
        [
            Text(F.ManagerName, "Senior manager who reviewed and agreed this referral", "Enter the senior manager's name"),
            Text(F.ManagerRole, "Senior manager's role", "Enter the senior manager's role"),
            Text(F.ManagerAgency, "Senior manager's agency", "Enter the senior manager's agency"),
            new FormField(F.ManagerAgreedOn, "Date the senior manager agreed", FieldKind.Date)
                { Required = true, MissingMessage = "Enter the date the senior manager agreed", DateRule = DateRule.NotInFuture },
            new FormField(F.ManagerTriedEverything, "The senior manager confirms their agency has done all it can", FieldKind.Toggle)
                { Required = true, MissingMessage = "The senior manager must confirm their agency has done all it can before escalating" },
        ]),
    ];

    /// <summary>The step after the sections: everything read back before submit.</summary>
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

    /// <summary>"Step 2 of 12", or "Check your answers" on the review step: the form's one numbering scheme.</summary>
    public static string Progress(string stepId) =>
        Find(stepId) is { Number: { } n } ? $"Step {n} of {Sections.Count}" : Review.Title;

    private static FormSection? Offset(string stepId, int by)
    {
        var index = Steps.ToList().FindIndex(s => s.Id == stepId);
        if (index < 0) return null;
        var target = index + by;
        return target >= 0 && target < Steps.Count ? Steps[target] : null;
    }

    private static IEnumerable<FormField> RiskFields(int n)
    {
        FormField Score(string part, string label, string noun, IReadOnlyList<string> words) =>
            new(F.Risk(n, part), label, FieldKind.Number)
            {
                Required = true, Min = RiskScore.Lowest, Max = RiskScore.Highest, Noun = noun, RiskNumber = n, Compact = true,
                MissingMessage = $"Enter the {noun.ToLowerInvariant()} from 1 to 5",
                // Chosen from a list on the card: the number with its word, so no guide is needed under the field.
                Choices = [.. words.Select((w, i) => new FieldChoice($"{i + 1}", $"{i + 1} {w}"))],
            };
        FormField Narrative(string part, string label, string missing) =>
            Long(F.Risk(n, part), label, missing, RiskText) with { RiskNumber = n };

        yield return Narrative(F.RiskPart.Worries, $"Risk {n}: what the group is worried about", "Describe what the group is worried about");
        // Every label names its risk, so the review page and case details read unambiguously.
        yield return Narrative(F.RiskPart.WorkingWell, $"Risk {n}: what is working well", "Describe what is working well");
        yield return Narrative(F.RiskPart.ActionsTaken, $"Risk {n}: actions taken", "Describe the actions taken");
        yield return Score(F.RiskPart.LikelihoodBefore, $"Risk {n}: likelihood before mitigation (1-5)", "Likelihood", RiskScale.LikelihoodWords);
        yield return Score(F.RiskPart.ImpactBefore, $"Risk {n}: impact before mitigation (1-5)", "Impact", RiskScale.ImpactWords);
        yield return Score(F.RiskPart.LikelihoodAfter, $"Risk {n}: likelihood after mitigation (1-5)", "Likelihood", RiskScale.LikelihoodWords);
        yield return Score(F.RiskPart.ImpactAfter, $"Risk {n}: impact after mitigation (1-5)", "Impact", RiskScale.ImpactWords);
    }

    private static FormField Text(string id, string label, string missing, int max = ShortText) =>
        new(id, label, FieldKind.Text) { Required = true, MissingMessage = missing, MaxLength = max };

    private static FormField Long(string id, string label, string missing, int max = LongText) =>
        new(id, label, FieldKind.Multiline) { Required = true, MissingMessage = missing, MaxLength = max };

    private static FormField Choice(string id, string label, string missing, IReadOnlyList<FieldChoice> choices) =>
        new(id, label, FieldKind.Choice) { Required = true, MissingMessage = missing, Choices = choices };

    /// <summary>A statement the referrer ticks to confirm; unticked, the referral cannot go on.</summary>
    private static FormField Confirm(string id, string label) =>
        new(id, label, FieldKind.Toggle)
        {
            Required = true,
            MissingMessage = "This route is only for cases that meet every criterion. If this is not true, talk to your safeguarding lead about other routes.",
        };
}
