using Xunit;
using System.Text.Json.Nodes;
using AdaptiveCard = TeamsSafeguarding.Cards.AdaptiveCard;
using TeamsSafeguarding.Cards.Referrals;
using TeamsSafeguarding.Escalation.Cases;
using TeamsSafeguarding.Escalation.Referrals;
using TeamsSafeguarding.Referrals;
using TeamsSafeguarding.Tests.Cards;
using TeamsSafeguarding.Tests.Escalation.Referrals;
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
            MyReferralsCard.Saved(new MyReferralItem(CaseId, null, "Draft", "1 Mar 2026", true, true) { DraftName = "Draft started 1 Mar 2026" }, 30),
            ConfirmationCard.Build("SAB-2026-0001", 1, coordinatorsTold: true),
            ConfirmationCard.Build("SAB-2026-0001", 2, coordinatorsTold: false),
            MyReferralsCard.Build([]),
            MyReferralsCard.Build([new MyReferralItem(CaseId, null, "Draft", "1 Mar 2026", true, true), new MyReferralItem(CaseId, "SAB-2026-0001", "Received", "2 Mar 2026", false, false)]),
            MyReferralsCard.ConfirmDiscard(CaseId),
        };
        var pages = ReferralViews.DetailsPages(draft);
        cards.AddRange(pages.Select((p, i) => CaseDetailsCard.Build(new DetailsPageView(CaseId, "SAB-2026-0001", 1, i + 1, pages.Count, p.Title, p.Lines))));
        foreach (var section in ReferralForm.Sections)
        {
            cards.Add(ReferralViews.ReviewStep(CaseId, draft, section.Id, Drafts.Today));
            cards.Add(ReferralViews.Step(CaseId, draft, section.Id, Drafts.Today));
            cards.Add(ReferralViews.Step(CaseId, Drafts.Empty().With(F.PersonDateOfBirth, "not a date"), section.Id, Drafts.Today,
                ReferralValidation.Validate(Drafts.Empty(), section.Id, Drafts.Today)));
        }
        foreach (var card in cards) CardSchema.AssertValid(card.ToJson());
    }

    [Fact]
    public void A_field_error_is_shown_on_a_red_panel_right_under_its_field()
    {
        var draft = Drafts.Complete().With(F.PersonDateOfBirth, "2020-01-01");
        var errors = ReferralValidation.Validate(draft, ReferralForm.PersonSection, Drafts.Today);
        var body = ReferralViews.Step(CaseId, draft, ReferralForm.PersonSection, Drafts.Today, errors).ToJson()["body"]!.AsArray();

        var input = body.Select((e, i) => (e, i)).Single(x => x.e!["id"]?.GetValue<string>() == F.PersonDateOfBirth).i;
        var error = body[input + 1]!;
        // Dark text on the attention panel: red text is below 4.5:1 on Teams' dark background.
        Assert.Equal(("Container", "attention"), (error["type"]!.GetValue<string>(), error["style"]!.GetValue<string>()));
        Assert.Equal("The date of birth must make the person 18 or over", error["items"]![0]!["text"]!.GetValue<string>());
        Assert.Equal("2020-01-01", body[input]!["value"]!.GetValue<string>());
        Assert.Contains(body, e => e!["text"]?.GetValue<string>() == $"Step 1 of {ReferralForm.Sections.Count}");
    }

    [Fact]
    public void Inputs_never_cut_text_short_and_say_their_limit_instead()
    {
        var card = ReferralViews.Step(CaseId, Drafts.Complete(), ReferralForm.ConcernSection, Drafts.Today).ToJson();
        var situation = CardJsonQuery.Objects(card).Single(o => (string?)o["id"] == F.SituationOfConcern);
        Assert.Null(situation["maxLength"]);
        Assert.Equal("Up to 4,000 characters", (string?)situation["placeholder"]);
        Assert.DoesNotContain(CardJsonQuery.Objects(card), o => o["maxLength"] is not null || o["isRequired"] is not null);
    }

    [Fact]
    public void The_legal_bases_are_offered_in_plain_words_with_the_law_in_small_print()
    {
        var card = ReferralViews.Step(CaseId, Drafts.Complete(), ReferralForm.SharingSection, Drafts.Today).ToJson();
        var basis = CardJsonQuery.Objects(card).Single(o => (string?)o["id"] == F.Article6);
        Assert.Contains("Public task: work our organisation does by law", basis["choices"]!.AsArray().Select(c => (string)c!["title"]!));
        Assert.DoesNotContain(basis["choices"]!.AsArray(), c => ((string)c!["title"]!).Contains("Article"));
        var smallPrint = CardJsonQuery.Objects(card).First(o => (string?)o["size"] == "small" && ((string?)o["text"])?.Contains("UK GDPR Article 6(1)(e)") == true);
        Assert.True((bool)smallPrint["isSubtle"]!);
        // Read back with the reference.
        Assert.Contains("Public task: work our organisation does by law (UK GDPR Article 6(1)(e))",
            ReferralViews.ReviewStep(CaseId, Drafts.Complete(), ReferralForm.SharingSection, Drafts.Today).ToJson().ToJsonString());
    }

    [Fact]
    public void Step_buttons_send_their_inputs_and_name_the_case_and_step_and_the_primary_is_always_first()
    {
        var card = ReferralViews.Step(CaseId, Drafts.Complete(), ReferralForm.NeedsSection, Drafts.Today).ToJson();
        var actions = card["actions"]!.AsArray();
        Assert.Equal([ReferralVerbs.Next, ReferralVerbs.Back, ReferralVerbs.Save], actions.Select(a => a!["verb"]!.GetValue<string>()));
        Assert.Equal("positive", (string?)actions[0]!["style"]);
        var first = ReferralViews.Step(CaseId, Drafts.Complete(), ReferralForm.PersonSection, Drafts.Today).ToJson()["actions"]!.AsArray();
        Assert.Equal([ReferralVerbs.Next, ReferralVerbs.Save], first.Select(a => a!["verb"]!.GetValue<string>()));
        foreach (var action in actions)
        {
            Assert.Equal("auto", action!["associatedInputs"]!.GetValue<string>(), ignoreCase: true);
            Assert.Equal(CaseId, action["data"]!["caseId"]!.GetValue<string>());
            Assert.Equal(ReferralForm.NeedsSection, action["data"]!["step"]!.GetValue<string>());
        }
        Assert.Contains(card["body"]!.AsArray(), e => e!["text"]?.GetValue<string>() == $"Step 3 of {ReferralForm.Sections.Count}");
    }

    [Fact]
    public void Typed_text_on_the_review_card_cannot_format_or_hide_a_link()
    {
        var draft = Drafts.Complete().With(F.SituationOfConcern, "**bold** [click](https://evil.example)");
        var json = ReferralViews.ReviewStep(CaseId, draft, ReferralForm.ConcernSection, Drafts.Today).ToJson().ToJsonString();
        Assert.DoesNotContain("**bold**", json);
        Assert.DoesNotContain("[click](", json);
        // The address itself is shown, as a link to itself.
        Assert.Contains("[https://evil.example](https://evil.example/)", json);
    }

    [Fact]
    public void An_https_link_and_an_email_on_the_review_are_real_links_and_an_http_link_is_not()
    {
        var draft = Drafts.Complete().With((F.RiskAssessmentLink, "https://records.example.org/ra/1"), (F.ReferrerEmail, "sam.worker@example.org"),
            (F.NoRiskAssessmentReason, "See http://old.example.org/ra too"));
        var assessment = ReferralViews.ReviewStep(CaseId, draft, ReferralForm.AssessmentSection, Drafts.Today).ToJson().ToJsonString();
        Assert.Contains("[https://records.example.org/ra/1](https://records.example.org/ra/1)", assessment);
        Assert.DoesNotContain("(http://old.example.org", assessment);
        Assert.Contains(@"http:\u2060//old.example.org", assessment);
        var you = ReferralViews.ReviewStep(CaseId, draft, ReferralForm.ReferrerSection, Drafts.Today).ToJson().ToJsonString();
        Assert.Contains("[sam.worker@example.org](mailto:sam.worker@example.org)", you);
    }

    [Fact]
    public void Submit_is_offered_only_when_the_referral_is_ready()
    {
        Assert.Contains(ReferralVerbs.Submit, ReferralsHarness.Verbs(ReferralViews.Review(CaseId, Drafts.Complete(), Drafts.Today).ToJson()));
        Assert.DoesNotContain(ReferralVerbs.Submit, ReferralsHarness.Verbs(ReferralViews.Review(CaseId, Drafts.Empty(), Drafts.Today).ToJson()));
    }

    [Fact]
    public void My_referrals_lists_rows_that_open_each_one_and_names_drafts_by_start_date_and_step()
    {
        var card = MyReferralsCard.Build([
            new MyReferralItem(CaseId, null, "Draft", "5 Mar 2026", true, true) { DraftName = "Draft started 1 Mar 2026", StepReached = "Step 4 of 12: Mental capacity" },
            new MyReferralItem(CaseId, "SAB-2026-0001", "Received", "2 Mar 2026", false, false)]).ToJson();
        var rows = CardJsonQuery.Objects(card["body"]).Where(o => o["selectAction"] is not null).ToList();
        Assert.Equal(2, rows.Count);
        Assert.All(rows, r => Assert.Equal(ReferralVerbs.Open, (string?)r["selectAction"]!["verb"]));
        Assert.Contains("Draft started 1 Mar 2026", rows[0].ToJsonString());
        Assert.Contains("Step 4 of 12: Mental capacity", rows[0].ToJsonString());
        Assert.DoesNotContain("Draft referral", card.ToJsonString());
        Assert.Single(card["actions"]!.AsArray());
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
