using System.Text.Json.Nodes;
using TeamsSafeguarding.Cards;
using TeamsSafeguarding.Cards.Referrals;
using TeamsSafeguarding.Escalation.Cases;
using TeamsSafeguarding.Escalation.Referrals;
using TeamsSafeguarding.Referrals;
using TeamsSafeguarding.Tests.Escalation.Referrals;
using TeamsSafeguarding.Cards.Onboarding;
using TeamsSafeguarding.Cards.Partners;
using TeamsSafeguarding.Cards.Triage;

namespace TeamsSafeguarding.Tests.Cards;

/// <summary>
/// One sample of every card builder (and its variants), named for the file it is written to, each with the largest
/// content it can realistically carry (the longest answers the form accepts, the most risks, agencies and errors, long
/// names). <see cref="Builder"/> names the cards library's method that drew it ("PartnersCard.ForMember"): every such
/// method must have a sample, and every sample with a builder is held to the phone design rule (PhoneDesignRuleTests).
/// Two samples are not cards the bot sends but checks of the card model and of CardText (no builder). Add each new
/// card here: AllCardsTests then checks it against the schema and writes it out for infra/cards/check.sh.
/// </summary>
public sealed record CardSample(string Name, string? Builder, JsonObject Card);

public static class CardSamples
{
    public static IReadOnlyList<CardSample> All() =>
    [
        new("welcome", "WelcomeCard.Build", WelcomeCard.Build(new WelcomeCardInput()).ToJson()),
        new("welcome-board-name", "WelcomeCard.Build", WelcomeCard.Build(new WelcomeCardInput("Northshire and Southshire Safeguarding Adults Board")).ToJson()),
        new("welcome-how-it-works", "WelcomeCard.HowItWorks", WelcomeCard.HowItWorks().ToJson()),
        new("team-introduction-none", "TeamIntroductionCard.Build", TeamIntroductionCard.Build(new TeamIntroductionInput(null, null)).ToJson()),
        new("team-introduction-both", "TeamIntroductionCard.Build", TeamIntroductionCard.Build(new TeamIntroductionInput(
            Prose(80), Prose(80))).ToJson()),
        new("help-personal", "HelpCard.Build", HelpCard.Build(new HelpCardInput(ConversationPlace.PersonalChat)).ToJson()),
        new("help-groupchat", "HelpCard.Build", HelpCard.Build(new HelpCardInput(ConversationPlace.GroupChat)).ToJson()),
        new("help-channel", "HelpCard.Build", HelpCard.Build(new HelpCardInput(ConversationPlace.Channel)).ToJson()),
        new("hint-personal", "HintCard.Build", HintCard.Build(ConversationPlace.PersonalChat).ToJson()),
        new("hint-channel", "HintCard.Build", HintCard.Build(ConversationPlace.Channel).ToJson()),
        new("cardtext-nasty-inputs", null, NastyTextCard()),
        new("model-every-element", null, CardModelTests.EverythingCard().ToJson()),
        .. PartnersSamples(),
        .. TriageSamples(),
        .. ReferralSamples(),
        .. MeetingCardSamples.All(),
        // The "roles" answer: a large board as stored with recent changes (counts only), and before the roles are stored.
        new("board-roles-stored-with-changes", "BoardRolesCard.Build", BoardRolesCard.Build(new BoardRolesCardInput(
            "Northshire and Southshire Safeguarding Adults Board", "9 April 2026",
            [new("Coordinators", [Id(1), Id(2), Id(3)]), new("Deputy board managers", [Id(4)]), new("Chairs", [Id(5)]), new("Board admins", [Id(6)]),
             new("Auditors", []), .. Enumerable.Range(1, 5).Select(a => new RoleHolders($"Statutory partner: {Agency(a)}", [.. Enumerable.Range(1, 3).Select(m => Id(10 * a + m))])),
             new("Casting decision by", ["DeputyBoardManager"])],
            [new("9 April 2026", ["removed from Police members: 1 person", "casting decision now by the deputy board manager"]),
             new("10 March 2026", ["added to Chairs: 1 person", "removed from Chairs: 1 person"]),
             new("2 February 2026", ["added to Coordinators: 2 people"]),
             new("5 January 2026", ["added to NHS integrated care board members: 3 people"]),
             new("1 December 2025", ["removed from Auditors: 1 person"])])).ToJson()),
        new("board-roles-not-stored", "BoardRolesCard.Build", BoardRolesCard.Build(new BoardRolesCardInput(
            "Safeguarding Adults Board", null, [new("Coordinators", [Id(1)]), new("Chairs", [])], [])).ToJson()),
        .. BoardViewSamples(),
    ];

    /// <summary>Ordinary English at the given length: what a long typed answer is like (words wrap; a run of w's is the worst case).</summary>
    public static string Prose(int length)
    {
        const string sentence = "The person continues to refuse care visits, the home is unsafe and the fire service has visited twice since the spring. ";
        return string.Concat(Enumerable.Repeat(sentence, length / sentence.Length + 1))[..length].TrimEnd();
    }

    private static string Id(int n) => $"00000000-0000-4000-8000-{n:D12}";

    private static string Agency(int n) => n switch
    {
        1 => "Northshire County Council adult social care",
        2 => "Northshire Police",
        3 => "Southshire Constabulary",
        4 => "NHS Northshire and Southshire integrated care board",
        _ => "NHS Westshire integrated care board",
    };

    private const string SampleCaseId = "0123456789abcdef0123456789abcdef";

    /// <summary>The board's view (issue 12), each with its largest content: a full register page, a full log page, the
    /// digest at its line limit, the measures with every group and the chart, a case summary with every date.</summary>
    private static IEnumerable<CardSample> BoardViewSamples()
    {
        yield return new("board-register-full-page", "RegisterCard.Build", BoardView.SampleRegister().ToJson());
        yield return new("board-register-empty", "RegisterCard.Build", TeamsSafeguarding.Cards.Board.RegisterCard.Build(new(
            [], 1, 1, 0, TeamsSafeguarding.Register.RegisterViews.OpenStages, "Received", true, "30 June 2026")).ToJson());
        yield return new("board-case-summary", "CaseSummaryCard.Build", BoardView.SampleSummary().ToJson());
        yield return new("board-case-log-page", "CaseLogCard.Build", BoardView.SampleLog().ToJson());
        yield return new("board-digest-largest", "DigestCard.Build", BoardView.SampleDigest().ToJson());
        yield return new("board-digest-reminder", "DigestCard.Reminder", BoardView.SampleReminder().ToJson());
        yield return new("board-measures", "MeasuresCard.Build", BoardView.SampleMeasures().ToJson());
    }

    /// <summary>
    /// The referral journey at its largest: every step with the longest answers the form accepts, the most risks and every
    /// error it can show; "check your answers" and each step's page; the case details' contents and its fullest pages.
    /// </summary>
    private static IEnumerable<CardSample> ReferralSamples()
    {
        var largest = Referrals.RiskDrafts.Largest();
        var today = Escalation.Referrals.Drafts.Today;
        // The most errors a step can show with the longest answers: every answer that is not typed text made wrong, so the
        // real validation messages appear (typed text at its longest is valid).
        var wrongEverywhere = largest;
        foreach (var field in ReferralForm.Sections.SelectMany(s => s.FieldsFor(largest.RiskCount)))
            wrongEverywhere = field.Kind switch
            {
                FieldKind.Number => wrongEverywhere.With(field.Id, "9"),
                FieldKind.Date => wrongEverywhere.With(field.Id, "31/02/2026"),
                FieldKind.Choice or FieldKind.MultiChoice => wrongEverywhere.With(field.Id, "Unknown"),
                FieldKind.Toggle => wrongEverywhere.With(field.Id, "false"),
                _ => wrongEverywhere,
            };
        foreach (var section in ReferralForm.Sections)
            yield return new($"referral-step-{section.Id.ToLowerInvariant()}", "ReferralSectionCard.Build", ReferralViews.Step(SampleCaseId, wrongEverywhere, section.Id,
                today, ReferralValidation.Validate(wrongEverywhere, section.Id, today), openRisk: ReferralForm.MaxRisks).ToJson());
        // "Another agency" chosen and its name not typed: the board's agencies are a drop-down, the name's field has its error.
        var anotherAgency = largest.With((ReferralFields.ReferrerAgency, ReferringAgencies.OtherValue), (ReferralFields.ReferrerAgencyOther, null));
        yield return new("referral-step-referrer-another-agency", "ReferralSectionCard.Build", ReferralViews.Step(SampleCaseId, anotherAgency,
            ReferralForm.ReferrerSection, today, ReferralValidation.Validate(anotherAgency, ReferralForm.ReferrerSection, today)).ToJson());
        yield return new("referral-step-editing", "ReferralSectionCard.Build",
            ReferralViews.Step(SampleCaseId, largest, ReferralForm.ConcernSection, today, editing: true).ToJson());
        yield return new("referral-check-your-answers", "ReviewCard.Overview", ReferralViews.Review(SampleCaseId, wrongEverywhere, today).ToJson());
        yield return new("referral-check-your-answers-ready", "ReviewCard.Overview", ReferralViews.Review(SampleCaseId, largest, today).ToJson());
        foreach (var section in ReferralForm.Sections)
            yield return new($"referral-check-{section.Id.ToLowerInvariant()}", "ReviewCard.Page", ReferralViews.ReviewStep(SampleCaseId, wrongEverywhere, section.Id, today).ToJson());

        var pages = ReferralViews.DetailsPages(largest);
        yield return new("referral-details-contents", "CaseDetailsCard.Contents", CaseDetailsCard.Contents(SampleCaseId, "SAB-2026-0001", 1,
            [.. pages.Select((p, i) => (p, i)).GroupBy(x => x.p.SectionId).Select(g => new DetailsContentsEntry(ReferralForm.Find(g.Key)!.Title, g.First().i + 1, g.Count()))]).ToJson());
        foreach (var (page, i) in pages.Select((p, i) => (p, i)).OrderByDescending(x => x.p.Lines.Sum(l => l.Value.Length + 60)).Take(3).OrderBy(x => x.i))
            yield return new($"referral-details-page-{i + 1}", "CaseDetailsCard.Build",
                CaseDetailsCard.Build(new DetailsPageView(SampleCaseId, "SAB-2026-0001", 1, i + 1, pages.Count, page.Title, page.Lines)).ToJson());

        var draft = new MyReferralItem(SampleCaseId, null, "Draft", "30 Sept 2026", true, true)
            { DraftName = "Draft started 28 Sept 2026", StepReached = "Step 12 of 12: Your senior manager's agreement" };
        yield return new("referral-my-referrals-many", "MyReferralsCard.Build", MyReferralsCard.Build([.. Enumerable.Range(1, 40).Select(i => i % 3 == 0
            ? new MyReferralItem(SampleCaseId, $"SAB-2026-{i:D4}", "Re-escalated to the statutory partners", "30 Sept 2026", false, false) : draft)]).ToJson());
        yield return new("referral-my-referral-draft", "MyReferralsCard.Item", MyReferralsCard.Item(draft).ToJson());
        yield return new("referral-discard", "MyReferralsCard.ConfirmDiscard", MyReferralsCard.ConfirmDiscard(SampleCaseId).ToJson());
        yield return new("referral-saved", "MyReferralsCard.Saved", MyReferralsCard.Saved(draft, 30).ToJson());
        yield return new("referral-draft-hint", "DraftHintCard.Build", DraftHintCard.Build(draft).ToJson());
        yield return new("referral-route-check", "RouteCheckCard.Build", ReferralViews.RouteCheck(
            RouteCheck.Questions.ToDictionary(q => q.FieldId, string? (_) => null), [.. RouteCheck.Questions.Select(q => new FieldError(q.FieldId, "Answer yes or no"))]).ToJson());
        yield return new("referral-redirect", "RedirectCard.Build", ReferralViews.Redirect(RouteCheck.Evaluate(new RouteAnswers(true, true, true))).ToJson());
        yield return new("referral-confirmation", "ConfirmationCard.Build", ConfirmationCard.Build("SAB-2026-0001", 2, coordinatorsTold: false).ToJson());
    }

    /// <summary>
    /// The partners' cards for a board of five agencies with long names (two ICBs, two forces), the most refresh ids, every
    /// reason at its longest, and every error the forms can show.
    /// </summary>
    private static IEnumerable<CardSample> PartnersSamples()
    {
        const string caseId = SampleCaseId;
        var reason = Prose(PartnersReasonLength);
        var input = new PartnersCardInput(caseId, "SAB-2026-0007", Prose(100), "Extreme", true, "13 April 2026", "20 April 2026",
            [new(Agency(1), "No meeting (email review / further single-agency work required)", reason),
             new(Agency(2), "Meeting required", reason), new(Agency(3), null, null), new(Agency(4), "Meeting required", reason),
             new(Agency(5), "No meeting (email review / further single-agency work required)", reason, Late: true)],
            null, [.. Enumerable.Range(1, 60).Select(i => $"29:1a{i:D2}-member-teams-id-0123456789abcdef0123456789abcdef")]);
        var decided = input with { Decision = "Decision: Meeting required (Chair's casting decision, 20 April 2026)", CastingRationale = Prose(4000) };
        var errors = new Dictionary<string, string>
        {
            ["form"] = "We could not tell who gave this view. Please open the card again.",
            ["choice"] = "Please choose \"Meeting required\" or \"No meeting\".",
            ["rationale"] = "Please keep the reason to 2000 characters.",
        };
        yield return new("partners-read-only", "PartnersCard.ReadOnly", PartnersCard.ReadOnly(input).ToJson());
        yield return new("partners-read-only-decided", "PartnersCard.ReadOnly", PartnersCard.ReadOnly(decided).ToJson());
        yield return new("partners-member-form", "PartnersCard.ForMember", PartnersCard.ForMember(input,
            new MemberViewInput(Agency(3), "Unknown", Prose(2100), errors)).ToJson());
        yield return new("partners-member-given", "PartnersCard.ForMember", PartnersCard.ForMember(input,
            new MemberViewInput(Agency(4), "MeetingRequired", reason) { Given = true, ChoiceWords = "Meeting required" }).ToJson());
        yield return new("partners-member-late-form", "PartnersCard.ForMember", PartnersCard.ForMember(decided,
            new MemberViewInput(Agency(3), null, null, errors)).ToJson());
        yield return new("partners-member-decided", "PartnersCard.ForMember", PartnersCard.ForMember(decided,
            new MemberViewInput(Agency(5), "NoMeeting", reason) { Given = true, GivenLate = true, ChoiceWords = "No meeting (email review / further single-agency work required)" }).ToJson());
        yield return new("partners-casting", "PartnersCard.ForCasting", PartnersCard.ForCasting(input with { AwaitingCastingDecision = true }, "deputy board manager",
            new Dictionary<string, string> { ["castingOutcome"] = "Please choose \"Meeting required\" or \"No meeting\".", ["castingRationale"] = "Please keep the rationale to 4000 characters." },
            null, Prose(4100)).ToJson());
        yield return new("partners-casting-decided", "PartnersCard.ForCasting", PartnersCard.ForCasting(decided, "chair").ToJson());
        yield return new("partners-decision-notice", "DecisionNoticeCard.Build", DecisionNoticeCard.Build("SAB-2026-0007", "No meeting (email review / further single-agency work required)",
            "Chair's casting decision", "20 April 2026", "The partners' agreed response will be recorded and fed back.", caseId).ToJson());
        yield return new("partners-decision-notice-recorded", "DecisionNoticeCard.Build", DecisionNoticeCard.Build("SAB-2026-0007",
            "No meeting (email review / further single-agency work required)", "Early majority", "9 April 2026",
            "The partners' agreed response will be recorded and fed back.", null, "Agreed response recorded on 10 April 2026 and fed back to the referrer. Case closed.").ToJson());
        yield return new("partners-casting-request", "CastingRequestCard.Build", CastingRequestCard.Build(new CastingRequestInput(caseId, "SAB-2026-0007",
            "deputy board manager", "20 April 2026", 2, 2, [Agency(3), Agency(5)])).ToJson());
        yield return new("partners-reminder-member", "PartnerReminderCard.Build", PartnerReminderCard.Build(new PartnerReminderInput(caseId, "SAB-2026-0007",
            "Statutory partners' views", "13 April 2026", [.. Enumerable.Range(1, 5).Select(Agency)], Agency(4))).ToJson());
        yield return new("partners-reminder-coordinators", "PartnerReminderCard.Build", PartnerReminderCard.Build(new PartnerReminderInput(caseId, "SAB-2026-0007",
            "Statutory partners' decision", "20 April 2026", [.. Enumerable.Range(1, 5).Select(Agency)])).ToJson());
        yield return new("partners-agreed-response-form", "AgreedResponseCard.Form", AgreedResponseCard.Form(new AgreedResponseFormInput(caseId, "SAB-2026-0007",
            "No meeting (email review / further single-agency work required)", Prose(2100),
            [.. Enumerable.Range(0, AgreedResponseCard.ActionSlots).Select(i => new FurtherActionInput(Prose(310), Prose(110), new DateOnly(2026, 4, 1)))],
            new Dictionary<string, string>
            {
                ["responseRationale"] = "Please keep the rationale to 2000 characters.",
                ["actions[0].description"] = "Please keep action 1 to 300 characters.", ["actions[0].owner"] = "Please keep the owner of action 1 to 100 characters.",
                ["actions[0].due"] = "The date for action 1 is in the past. Please choose today or a later date.",
                ["actions[1].description"] = "Please keep action 2 to 300 characters.", ["actions[1].owner"] = "Please keep the owner of action 2 to 100 characters.",
                ["actions[1].due"] = "The date for action 2 is in the past. Please choose today or a later date.",
                ["actions[2].description"] = "Please keep action 3 to 300 characters.", ["actions[2].owner"] = "Please keep the owner of action 3 to 100 characters.",
                ["actions[2].due"] = "The date for action 3 is in the past. Please choose today or a later date.",
            },
            new DateOnly(2026, 4, 10))).ToJson());
        yield return new("partners-agreed-response-recorded", "AgreedResponseCard.Recorded", AgreedResponseCard.Recorded("SAB-2026-0007", "10 April 2026", 3).ToJson());
        yield return new("partners-feedback", "NoMeetingFeedbackCard.Build", NoMeetingFeedbackCard.Build(new NoMeetingFeedbackInput("SAB-2026-0007",
            "No meeting (email review / further single-agency work required)", "Chair's casting decision", "9 April 2026", Prose(2000),
            [.. Enumerable.Range(1, AgreedResponseCard.ActionSlots).Select(i => new FeedbackAction(Prose(300), Prose(100), "1 May 2026"))])).ToJson());
        yield return new("partners-feedback-no-actions", "NoMeetingFeedbackCard.Build", NoMeetingFeedbackCard.Build(new NoMeetingFeedbackInput("SAB-2026-0007",
            "No meeting (email review / further single-agency work required)", "Early majority", "9 April 2026", "Held by adult social care.", [])).ToJson());
        yield return new("partners-card-shown-again", "CardShownAgainCard.Build", CardShownAgainCard.Build(caseId, "SAB-2026-0007", "The statutory partners' card", offerOwnView: true).ToJson());
        yield return new("partners-card-moved", "CardShownAgainCard.Moved", CardShownAgainCard.Moved("SAB-2026-0007", "20 April 2026").ToJson());
    }

    /// <summary>The longest reason a partner may give (PartnerView.MaxRationaleLength).</summary>
    private const int PartnersReasonLength = 2000;

    /// <summary>The coordinators' side: the triage card with every error, the deputy away, a long agency name; its outcome; the returned referral; the absence card.</summary>
    private static IEnumerable<CardSample> TriageSamples()
    {
        var checks = TeamsSafeguarding.Triage.TriageCards.Checks;
        var errors = checks.ToDictionary(c => c.FieldId, c => $"\"{c.Name}\" is not ticked as met: send only when all five are, or return it to the referrer.");
        errors["returnNote"] = "Please keep the note to 2000 characters.";
        errors["form"] = "This referral is no longer waiting for triage: it is \"With statutory partners\".";
        yield return new("triage-card", "TriageCard.Build", TriageCard.Build(new TriageCardInput(SampleCaseId, "SAB-2026-0007", "Received", Prose(100), "Extreme", 12,
            checks, errors, new Dictionary<string, string?> { ["returnNote"] = Prose(2100) })
        {
            ReceivedOn = "30 September 2026", ForwardUntriaged = true,
            DeputyStatus = "Away 28 September 2026 to 30 December 2026 (recorded by the deputy board manager)",
        }).ToJson());
        yield return new("triage-outcome", "TriageCard.Outcome", TriageCard.Outcome(new TriageOutcomeCardInput(SampleCaseId, "SAB-2026-0007", Prose(100), "Extreme",
            "Returned to referrer", "30 September 2026", [.. checks.Select(c => c.Name)], NotTriaged: false)).ToJson());
        yield return new("triage-outcome-untriaged", "TriageCard.Outcome", TriageCard.Outcome(new TriageOutcomeCardInput(SampleCaseId, "SAB-2026-0007", Prose(100), "Extreme",
            "Sent to statutory partners without triage", "30 September 2026", [], NotTriaged: true)).ToJson());
        yield return new("triage-returned-to-referrer", "ReturnedReferralCard.Build", ReturnedReferralCard.Build(SampleCaseId, "SAB-2026-0007",
            [.. checks.Select(c => c.Name)], Prose(2000)).ToJson());
        yield return new("triage-deputy-away", "DeputyAbsenceCard.Build", DeputyAbsenceCard.Build(new DeputyAbsenceCardInput(
            "Not away today; away 5 October 2026 to 30 December 2026 (cover set by a coordinator)", CanEnd: true, new DateOnly(2026, 9, 30))
        {
            From = new DateOnly(2026, 10, 5), To = new DateOnly(2026, 10, 1), Done = "Recorded. The triage cards waiting in the coordinators' channel now say so.",
            Errors = new Dictionary<string, string>
            {
                ["form"] = "Only the deputy board manager or a coordinator can record the deputy board manager's absence.",
                ["absenceFrom"] = "Enter the first day away.", ["absenceTo"] = "The last day away cannot be before the first.",
            },
        }).ToJson());
    }

    /// <summary>Typed text that tries to inject markdown, shown through CardText.Plain: the render must show it as typed.</summary>
    private static JsonObject NastyTextCard() => new AdaptiveCard
    {
        Body =
        [
            new TextBlock { Text = "CardText.Plain on hostile input", Weight = TextWeight.Bolder },
            .. CardTextTests.NastyTexts.Select(text => new FactSet
            {
                Separator = true,
                Facts = [new Fact("Typed", CardText.Plain(text, keepLineBreaks: true))],
            }),
            new TextBlock { Text = CardText.Plain("Mrs Smith-Jones (82), A&E twice; GP: 2025-03-04. 1. not a list") },
            // With links on, the same hostile texts (and real addresses) may only make links to https and mailto: addresses.
            .. CardTextTests.NastyTexts.Append("See https://records.example.org/ra/1 or sam.worker@example.org; not http://old.example.org")
                .Select(text => new FactSet { Separator = true, Facts = [new Fact("Typed with links", CardText.Plain(text, keepLineBreaks: true, links: true))] }),
        ],
    }.ToJson();
}
