using Xunit;
using System.Text.Json.Nodes;
using AdaptiveCard = TeamsSafeguarding.Cards.AdaptiveCard;
using TeamsSafeguarding.Cards.Referrals;
using TeamsSafeguarding.Escalation.Cases;
using TeamsSafeguarding.Escalation.Referrals;
using TeamsSafeguarding.Referrals;
using TeamsSafeguarding.Tests.Cards;
using Drafts = TeamsSafeguarding.Tests.Escalation.Referrals.Drafts;
using F = TeamsSafeguarding.Escalation.Referrals.ReferralFields;

namespace TeamsSafeguarding.Tests.Referrals;

public class ReferralCardsTests
{
    private const string CaseId = "0123456789abcdef0123456789abcdef";

    [Fact]
    public void Every_referral_card_is_a_valid_adaptive_card()
    {
        var draft = Drafts.Complete();
        var cards = new List<AdaptiveCard>
        {
            ReferralViews.RouteCheck(),
            ReferralViews.RouteCheck(new Dictionary<string, string?> { [RouteCheck.UrgentRiskFieldId] = "yes" }, [new FieldError(RouteCheck.LacksCapacityFieldId, "Answer yes or no")]),
            ReferralViews.Redirect(RouteCheck.Evaluate(new RouteAnswers(true, true, true))),
            ReferralViews.Review(CaseId, draft, Drafts.Today),
            ReferralViews.Review(CaseId, Drafts.Empty(), Drafts.Today),
            ConfirmationCard.Build("SAB-2026-0001", 1, coordinatorsTold: true),
            ConfirmationCard.Build("SAB-2026-0001", 2, coordinatorsTold: false),
            MyReferralsCard.Build([]),
            MyReferralsCard.Build([new MyReferralItem(CaseId, null, "Draft", "1 Mar 2026", true, true), new MyReferralItem(CaseId, "SAB-2026-0001", "Received", "2 Mar 2026", false, false)]),
            MyReferralsCard.ConfirmDiscard(CaseId),
            CaseDetailsCard.Build(ReferralViews.DetailsPage(CaseId, "SAB-2026-0001", 1, draft, CaseDetailsCard.RisksPage, 1)),
        };
        foreach (var section in ReferralForm.Sections)
        {
            cards.Add(CaseDetailsCard.Build(ReferralViews.DetailsPage(CaseId, "SAB-2026-0001", 1, draft, section.Id, null)));
            cards.Add(ReferralViews.Step(CaseId, draft, section.Id, Drafts.Today));
            cards.Add(ReferralViews.Step(CaseId, Drafts.Empty().With(F.PersonDateOfBirth, "not a date"), section.Id, Drafts.Today,
                ReferralValidation.Validate(Drafts.Empty(), section.Id, Drafts.Today)));
        }
        foreach (var card in cards) CardSchema.AssertValid(card.ToJson());
    }

    [Fact]
    public void A_field_error_is_shown_in_red_right_under_its_field()
    {
        var draft = Drafts.Complete().With(F.PersonDateOfBirth, "2020-01-01");
        var errors = ReferralValidation.Validate(draft, ReferralForm.PersonSection, Drafts.Today);
        var body = ReferralViews.Step(CaseId, draft, ReferralForm.PersonSection, Drafts.Today, errors).ToJson()["body"]!.AsArray();

        var input = body.Select((e, i) => (e, i)).Single(x => x.e!["id"]?.GetValue<string>() == F.PersonDateOfBirth).i;
        var error = body[input + 1]!;
        Assert.Equal("TextBlock", error["type"]!.GetValue<string>());
        Assert.Equal("attention", error["color"]!.GetValue<string>(), ignoreCase: true);
        Assert.Equal("The date of birth must make the person 18 or over", error["text"]!.GetValue<string>());
        Assert.Equal("2020-01-01", body[input]!["value"]!.GetValue<string>());
        Assert.Contains(body, e => e!["text"]?.GetValue<string>() == "Section 1 of 6");
    }

    [Fact]
    public void Section_buttons_send_their_inputs_and_name_the_case_and_step()
    {
        var card = ReferralViews.Step(CaseId, Drafts.Complete(), ReferralForm.NeedsSection, Drafts.Today).ToJson();
        var actions = card["actions"]!.AsArray();
        Assert.Equal([ReferralVerbs.Back, ReferralVerbs.Next, ReferralVerbs.Save], actions.Select(a => a!["verb"]!.GetValue<string>()));
        foreach (var action in actions)
        {
            Assert.Equal("auto", action!["associatedInputs"]!.GetValue<string>(), ignoreCase: true);
            Assert.Equal(CaseId, action["data"]!["caseId"]!.GetValue<string>());
            Assert.Equal(ReferralForm.NeedsSection, action["data"]!["step"]!.GetValue<string>());
        }
        Assert.Contains(card["body"]!.AsArray(), e => e!["text"]?.GetValue<string>() == "Section 2 of 6");
    }

    [Fact]
    public void Typed_text_on_the_review_card_cannot_format_or_link()
    {
        var draft = Drafts.Complete().With(F.SituationOfConcern, "**bold** [click](https://evil.example)");
        var json = ReferralViews.Review(CaseId, draft, Drafts.Today).ToJson().ToJsonString();
        Assert.DoesNotContain("**bold**", json);
        Assert.DoesNotContain("](https://evil", json);
    }

    [Fact]
    public void Submit_is_offered_only_when_the_referral_is_ready()
    {
        Assert.Contains(ReferralVerbs.Submit, ReferralsHarness.Verbs(ReferralViews.Review(CaseId, Drafts.Complete(), Drafts.Today).ToJson()));
        Assert.DoesNotContain(ReferralVerbs.Submit, ReferralsHarness.Verbs(ReferralViews.Review(CaseId, Drafts.Empty(), Drafts.Today).ToJson()));
    }

    [Fact]
    public void My_referrals_shows_at_most_fifteen_and_says_how_many_there_are()
    {
        var items = Enumerable.Range(1, 40).Select(i => new MyReferralItem(CaseId, $"SAB-2026-{i:D4}", "Received", "2 Mar 2026", false, false)).ToList();
        var json = MyReferralsCard.Build(items).ToJson().ToJsonString();
        Assert.Contains($"SAB-2026-{MyReferralsCard.MaxShown:D4}", json);
        Assert.DoesNotContain($"SAB-2026-{MyReferralsCard.MaxShown + 1:D4}", json);
        Assert.Contains($"Showing {MyReferralsCard.MaxShown} of your 40", json);
        Assert.DoesNotContain("Showing", MyReferralsCard.Build(items.Take(MyReferralsCard.MaxShown).ToList()).ToJson().ToJsonString());
    }
}
