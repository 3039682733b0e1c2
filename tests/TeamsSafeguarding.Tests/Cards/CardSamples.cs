using System.Text.Json.Nodes;
using TeamsSafeguarding.Cards;
using TeamsSafeguarding.Cards.Onboarding;
using TeamsSafeguarding.Cards.Partners;
using TeamsSafeguarding.Tests.Escalation.Referrals;

namespace TeamsSafeguarding.Tests.Cards;

/// <summary>
/// One sample of every card builder (and its variants), named for the file it is written to. Add each new card
/// here: AllCardsTests then checks it against the schema and writes it out for infra/cards/check.sh.
/// </summary>
public static class CardSamples
{
    public static IReadOnlyList<(string Name, JsonObject Card)> All() =>
    [
        ("welcome", WelcomeCard.Build(new WelcomeCardInput()).ToJson()),
        ("welcome-board-name", WelcomeCard.Build(new WelcomeCardInput("Northshire Safeguarding Adults Board")).ToJson()),
        ("welcome-how-it-works", WelcomeCard.HowItWorks().ToJson()),
        ("team-introduction-none", TeamIntroductionCard.Build(new TeamIntroductionInput(null, null)).ToJson()),
        ("team-introduction-both", TeamIntroductionCard.Build(new TeamIntroductionInput("SAB coordinators", "Statutory partners")).ToJson()),
        ("team-introduction-one", TeamIntroductionCard.Build(new TeamIntroductionInput("SAB coordinators", null)).ToJson()),
        ("help-personal", HelpCard.Build(new HelpCardInput(ConversationPlace.PersonalChat)).ToJson()),
        ("help-groupchat", HelpCard.Build(new HelpCardInput(ConversationPlace.GroupChat)).ToJson()),
        ("help-channel", HelpCard.Build(new HelpCardInput(ConversationPlace.Channel)).ToJson()),
        ("hint-personal", HintCard.Build(ConversationPlace.PersonalChat).ToJson()),
        ("hint-channel", HintCard.Build(ConversationPlace.Channel).ToJson()),
        ("cardtext-nasty-inputs", NastyTextCard()),
        ("model-every-element", CardModelTests.EverythingCard().ToJson()),
        .. PartnersSamples(),
        .. MeetingCardSamples.All(),
        // Section 1 with "another agency" chosen and its name still to type: the agencies are a drop-down.
        ("referral-section-person-another-agency", AnotherAgencySection()),
        // Referral risks: three risks (risk 2 open), the review listing all three, and the most risks.
        ("referral-risks-three", TeamsSafeguarding.Referrals.ReferralViews.Step(SampleCaseId, Referrals.RiskDrafts.Three(),
            TeamsSafeguarding.Escalation.Referrals.ReferralForm.MultiAgencySection, Escalation.Referrals.Drafts.Today, openRisk: 2).ToJson()),
        ("referral-review-three-risks", TeamsSafeguarding.Referrals.ReferralViews.Review(SampleCaseId, Referrals.RiskDrafts.Three(), Escalation.Referrals.Drafts.Today).ToJson()),
        ("referral-risks-most", TeamsSafeguarding.Referrals.ReferralViews.Step(SampleCaseId, Referrals.RiskDrafts.Largest(),
            TeamsSafeguarding.Escalation.Referrals.ReferralForm.MultiAgencySection, Escalation.Referrals.Drafts.Today).ToJson()),
        // The biggest cards: the review and case details pages of a referral with the most risks and every answer at its longest.
        ("referral-review-largest", TeamsSafeguarding.Referrals.ReferralViews.Review(SampleCaseId, Referrals.RiskDrafts.Largest(), Escalation.Referrals.Drafts.Today).ToJson()),
        .. DetailsSamples(),
        ("referral-my-referrals-many", TeamsSafeguarding.Cards.Referrals.MyReferralsCard.Build([.. Enumerable.Range(1, 40).Select(i =>
            new TeamsSafeguarding.Cards.Referrals.MyReferralItem(SampleCaseId, null, "Draft", "1 Mar 2026", true, true))]).ToJson()),
        // The "roles" answer: as stored with recent changes (counts only), and before the roles are stored.
        ("board-roles-stored-with-changes", TeamsSafeguarding.Cards.Triage.BoardRolesCard.Build(new TeamsSafeguarding.Cards.Triage.BoardRolesCardInput(
            "Northshire Safeguarding Adults Board", "9 April 2026",
            [new("Coordinators", ["00000000-0000-0000-0000-000000000011"]), new("Auditors", []), new("Statutory partner: Police", ["29:a", "29:b"]),
             new("Casting decision by", ["DeputyBoardManager"])],
            [new("9 April 2026", ["removed from Police members: 1 person", "casting decision now by the deputy board manager"]),
             new("10 March 2026", ["added to Chairs: 1 person", "removed from Chairs: 1 person"])])).ToJson()),
        .. BoardViewSamples(),
        ("board-roles-not-stored", TeamsSafeguarding.Cards.Triage.BoardRolesCard.Build(new TeamsSafeguarding.Cards.Triage.BoardRolesCardInput(
            "Safeguarding Adults Board", null, [new("Coordinators", ["00000000-0000-0000-0000-000000000011"]), new("Chairs", [])], [])).ToJson()),
    ];

    private const string SampleCaseId = "0123456789abcdef0123456789abcdef";

    /// <summary>The board's view (issue 12), each with its largest content: a full register page, a full log page, the
    /// digest at its line limit, the measures with every group and the chart, a case summary with every date.</summary>
    private static IEnumerable<(string, JsonObject)> BoardViewSamples()
    {
        var register = BoardView.SampleRegister();
        yield return ("board-register-full-page", register.ToJson());
        yield return ("board-register-empty", TeamsSafeguarding.Cards.Board.RegisterCard.Build(new(
            [], 1, 1, 0, TeamsSafeguarding.Register.RegisterViews.OpenStages, "Received", true, "30 June 2026")).ToJson());
        yield return ("board-case-summary", BoardView.SampleSummary().ToJson());
        yield return ("board-case-log-page", BoardView.SampleLog().ToJson());
        yield return ("board-digest-largest", BoardView.SampleDigest().ToJson());
        yield return ("board-digest-reminder", BoardView.SampleReminder().ToJson());
        yield return ("board-measures", BoardView.SampleMeasures().ToJson());
    }

    private static JsonObject AnotherAgencySection()
    {
        var draft = Escalation.Referrals.Drafts.Complete().With(
            (TeamsSafeguarding.Escalation.Referrals.ReferralFields.ReferrerAgency, TeamsSafeguarding.Escalation.Referrals.ReferringAgencies.OtherValue));
        var section = TeamsSafeguarding.Escalation.Referrals.ReferralForm.PersonSection;
        return TeamsSafeguarding.Referrals.ReferralViews.Step(SampleCaseId, draft, section, Escalation.Referrals.Drafts.Today,
            TeamsSafeguarding.Escalation.Referrals.ReferralValidation.Validate(draft, section, Escalation.Referrals.Drafts.Today)).ToJson();
    }

    /// <summary>Case details, a page at a time: a section of the three-risk referral, its risk 2, and the largest referral's biggest pages.</summary>
    private static IEnumerable<(string, JsonObject)> DetailsSamples()
    {
        static JsonObject Page(TeamsSafeguarding.Escalation.Referrals.ReferralDraft draft, string page, int? risk = null) =>
            TeamsSafeguarding.Cards.Referrals.CaseDetailsCard.Build(
                TeamsSafeguarding.Referrals.ReferralViews.DetailsPage(SampleCaseId, "SAB-2026-0001", 1, draft, page, risk)).ToJson();
        const string risks = TeamsSafeguarding.Cards.Referrals.CaseDetailsCard.RisksPage;
        yield return ("referral-details-person", Page(Referrals.RiskDrafts.Three(), TeamsSafeguarding.Escalation.Referrals.ReferralForm.PersonSection));
        yield return ("referral-details-risk-2-of-3", Page(Referrals.RiskDrafts.Three(), risks, 2));
        yield return ("referral-details-largest-multi-agency", Page(Referrals.RiskDrafts.Largest(), TeamsSafeguarding.Escalation.Referrals.ReferralForm.MultiAgencySection));
        yield return ("referral-details-largest-concern", Page(Referrals.RiskDrafts.Largest(), TeamsSafeguarding.Escalation.Referrals.ReferralForm.ConcernSection));
        yield return ("referral-details-largest-risk-10", Page(Referrals.RiskDrafts.Largest(), risks, 10));
    }

    private static IEnumerable<(string, JsonObject)> PartnersSamples()
    {
        const string caseId = "0123456789abcdef0123456789abcdef";
        var input = new PartnersCardInput(caseId, "SAB-2026-0007", "Housing association", "High", true, "13 April 2026", "20 April 2026",
            [new("Local authority", "Meeting required", "Escalating self-neglect"), new("Police", null, null), new("NHS integrated care board", null, null)],
            null, ["29:a", "29:b"]);
        yield return ("partners-read-only", PartnersCard.ReadOnly(input).ToJson());
        yield return ("partners-member", PartnersCard.ForMember(input, new MemberViewInput("Police", null, null,
            new Dictionary<string, string> { ["rationale"] = "Please give the reason for your agency's view." })).ToJson());
        yield return ("partners-casting", PartnersCard.ForCasting(input with { AwaitingCastingDecision = true }, "chair").ToJson());
        yield return ("partners-decided", PartnersCard.ReadOnly(input with { Decision = "Decision: Meeting required (Majority at deadline, 20 April 2026)" }).ToJson());
        yield return ("partners-decision-notice", DecisionNoticeCard.Build("SAB-2026-0007", "No meeting", "Early majority", "9 April 2026",
            "The partners' agreed response will be recorded and fed back.", caseId).ToJson());
        yield return ("partners-decision-notice-recorded", DecisionNoticeCard.Build("SAB-2026-0007", "No meeting", "Early majority", "9 April 2026",
            "The partners' agreed response will be recorded and fed back.", null, "Agreed response recorded on 10 April 2026 and fed back to the referrer.").ToJson());
        yield return ("partners-casting-request", CastingRequestCard.Build(new CastingRequestInput(caseId, "SAB-2026-0007", "chair", "20 April 2026", 1, 1, ["Police"])).ToJson());
        yield return ("partners-reminder-member", PartnerReminderCard.Build(new PartnerReminderInput(caseId, "SAB-2026-0007", "Statutory partners' views",
            "13 April 2026", ["Police", "NHS integrated care board"], "Police")).ToJson());
        yield return ("partners-reminder-coordinators", PartnerReminderCard.Build(new PartnerReminderInput(caseId, "SAB-2026-0007", "Statutory partners' decision",
            "20 April 2026", [])).ToJson());
        yield return ("partners-agreed-response-form", AgreedResponseCard.Form(new AgreedResponseFormInput(caseId, "SAB-2026-0007", "No meeting",
            "", [new("Housing to review support", null, new DateOnly(2026, 4, 1))],
            new Dictionary<string, string> { ["responseRationale"] = "Please give the rationale.", ["actions[0].owner"] = "Please say who owns action 1." },
            new DateOnly(2026, 4, 10))).ToJson());
        yield return ("partners-agreed-response-recorded", AgreedResponseCard.Recorded("SAB-2026-0007", "10 April 2026", 2).ToJson());
        yield return ("partners-feedback", NoMeetingFeedbackCard.Build(new NoMeetingFeedbackInput("SAB-2026-0007", "No meeting", "Early majority", "9 April 2026",
            "Single-agency work is under way.\nReview in a month.", [new("Housing to review support", "Housing association", "1 May 2026")])).ToJson());
        yield return ("partners-feedback-no-actions", NoMeetingFeedbackCard.Build(new NoMeetingFeedbackInput("SAB-2026-0007", "No meeting", "Chair's casting decision",
            "9 April 2026", "Held by adult social care.", [])).ToJson());
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
        ],
    }.ToJson();
}
