using System.Text.Json.Nodes;
using TeamsSafeguarding.Cards;
using TeamsSafeguarding.Cards.Referrals;
using TeamsSafeguarding.Escalation.Cases;
using TeamsSafeguarding.Escalation.Referrals;
using TeamsSafeguarding.Referrals;
using TeamsSafeguarding.Tests.Escalation.Referrals;
using TeamsSafeguarding.Cards.Onboarding;
using TeamsSafeguarding.Cards.Partners;

namespace TeamsSafeguarding.Tests.Cards;

/// <summary>
/// One sample of every card builder (and its variants), named for the file it is written to. Add each new card
/// here: AllCardsTests then checks it against the schema and writes it out for infra/cards/check.sh.
/// </summary>
public sealed record CardSample(string Name, string Builder, JsonObject Card)
{
    public static implicit operator CardSample((string Name, JsonObject Card) sample) => new(sample.Name, "", sample.Card);
}

public static class CardSamples
{
    public static IReadOnlyList<CardSample> All() =>
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
        .. ReferralSamples(),
        // The "roles" answer: as stored with recent changes (counts only), and before the roles are stored.
        ("board-roles-stored-with-changes", TeamsSafeguarding.Cards.Triage.BoardRolesCard.Build(new TeamsSafeguarding.Cards.Triage.BoardRolesCardInput(
            "Northshire Safeguarding Adults Board", "9 April 2026",
            [new("Coordinators", ["00000000-0000-0000-0000-000000000011"]), new("Auditors", []), new("Statutory partner: Police", ["29:a", "29:b"]),
             new("Casting decision by", ["DeputyBoardManager"])],
            [new("9 April 2026", ["removed from Police members: 1 person", "casting decision now by the deputy board manager"]),
             new("10 March 2026", ["added to Chairs: 1 person", "removed from Chairs: 1 person"])])).ToJson()),
        ("board-roles-not-stored", TeamsSafeguarding.Cards.Triage.BoardRolesCard.Build(new TeamsSafeguarding.Cards.Triage.BoardRolesCardInput(
            "Safeguarding Adults Board", null, [new("Coordinators", ["00000000-0000-0000-0000-000000000011"]), new("Chairs", [])], [])).ToJson()),
    ];

    private const string SampleCaseId = "0123456789abcdef0123456789abcdef";

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
