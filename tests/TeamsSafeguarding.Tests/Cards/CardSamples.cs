using System.Text.Json.Nodes;
using TeamsSafeguarding.Cards;
using TeamsSafeguarding.Cards.Onboarding;

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
        // Referral risks: three risks (risk 2 open), the review and case details listing all three, and the most risks.
        ("referral-risks-three", TeamsSafeguarding.Referrals.ReferralViews.Step(SampleCaseId, Referrals.RiskDrafts.Three(),
            TeamsSafeguarding.Escalation.Referrals.ReferralForm.MultiAgencySection, Escalation.Referrals.Drafts.Today, openRisk: 2).ToJson()),
        ("referral-review-three-risks", TeamsSafeguarding.Referrals.ReferralViews.Review(SampleCaseId, Referrals.RiskDrafts.Three(), Escalation.Referrals.Drafts.Today).ToJson()),
        ("referral-details-three-risks", TeamsSafeguarding.Cards.Referrals.CaseDetailsCard.Build("SAB-2026-0001", 1,
            TeamsSafeguarding.Referrals.ReferralViews.Answers(Referrals.RiskDrafts.Three())).ToJson()),
        ("referral-risks-most", TeamsSafeguarding.Referrals.ReferralViews.Step(SampleCaseId, Referrals.RiskDrafts.Largest(),
            TeamsSafeguarding.Escalation.Referrals.ReferralForm.MultiAgencySection, Escalation.Referrals.Drafts.Today).ToJson()),
    ];

    private const string SampleCaseId = "0123456789abcdef0123456789abcdef";

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
