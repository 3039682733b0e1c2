using System.Text.Json.Nodes;
using TeamsSafeguarding.Escalation.Cases;
using TeamsSafeguarding.Cards.Referrals;
using TeamsSafeguarding.Cases;
using TeamsSafeguarding.Escalation.Referrals;
using TeamsSafeguarding.Referrals;
using TeamsSafeguarding.Tests.Support;
using Xunit;
using Drafts = TeamsSafeguarding.Tests.Escalation.Referrals.Drafts;
using F = TeamsSafeguarding.Escalation.Referrals.ReferralFields;

namespace TeamsSafeguarding.Tests.Referrals;

/// <summary>Check your answers: a row per step, a page per step (long answers shortened, and said so), "Edit: &lt;step&gt;" and back.</summary>
[Collection("Azurite")]
public class ReviewEditTests(AzuriteFixture azurite)
{
    private const string CaseId = "0123456789abcdef0123456789abcdef";

    private static IReadOnlyList<string> Texts(JsonObject card) =>
        [.. Walk(card).Where(e => (string?)e["type"] == "TextBlock").Select(e => (string)e["text"]!)];

    private static IEnumerable<JsonObject> Walk(JsonNode? node) => node switch
    {
        JsonObject o => new[] { o }.Concat(o.SelectMany(p => Walk(p.Value))),
        JsonArray a => a.SelectMany(Walk),
        _ => [],
    };

    [Fact]
    public void A_long_answer_is_shortened_on_its_step_page_with_a_note_and_a_short_one_is_shown_whole()
    {
        var situation = new string('s', 599) + "😀" + " and more that is not shown";
        var draft = Drafts.Complete().With(F.SituationOfConcern, situation);
        var texts = Texts(ReferralViews.ReviewStep(CaseId, draft, ReferralForm.ConcernSection, Drafts.Today).ToJson());

        var shown = Assert.Single(texts, t => t.Contains("**The situation of concern**"));
        // Cut before the emoji rather than through it, then marked.
        Assert.Contains(new string('s', 599) + "\u2026 " + ReviewCard.ShortenedNote, shown);
        Assert.DoesNotContain("not shown", shown);
        Assert.DoesNotContain("\uD83D\u2026", shown);
        // Short answers are whole, with no note.
        var person = ReferralViews.ReviewStep(CaseId, Drafts.Complete(), ReferralForm.PersonSection, Drafts.Today).ToJson().ToJsonString();
        Assert.Contains("Alex Example", person);
        Assert.DoesNotContain(ReviewCard.ShortenedNote, person);
    }

    [Fact]
    public void Shortened_answers_still_cannot_format_or_link()
    {
        var draft = Drafts.Complete().With(F.SituationOfConcern, "**bold** [click](https://evil.example)\n# heading " + new string('x', 900));
        var json = ReferralViews.ReviewStep(CaseId, draft, ReferralForm.ConcernSection, Drafts.Today).ToJson().ToJsonString();
        Assert.DoesNotContain("**bold**", json);
        Assert.DoesNotContain("[click](", json);
        Assert.Contains(ReviewCard.ShortenedNote, json);
    }

    [Fact]
    public void Check_your_answers_lists_every_step_as_a_row_and_each_step_page_has_edit_and_back()
    {
        var overview = ReferralViews.Review(CaseId, Drafts.Complete().With(F.ManagerName, null), Drafts.Today).ToJson();
        var rows = Walk(overview["body"]).Where(o => o["selectAction"] is JsonObject).ToList();
        Assert.Equal(ReferralForm.Sections.Select(s => s.Id), rows.Select(r => (string)r["selectAction"]!["data"]![ReferralVerbs.StepKey]!));
        Assert.All(rows, r => Assert.Equal(ReferralVerbs.ReviewStep, (string)r["selectAction"]!["verb"]!));
        var signOff = rows.Single(r => (string)r["selectAction"]!["data"]![ReferralVerbs.StepKey]! == ReferralForm.SignOffSection);
        Assert.Contains("1 answer needs correcting", signOff.ToJsonString());
        Assert.DoesNotContain(ReferralVerbs.Submit, ReferralsHarness.Verbs(overview));

        var page = ReferralViews.ReviewStep(CaseId, Drafts.Complete(), ReferralForm.CapacitySection, Drafts.Today).ToJson();
        var edit = Assert.Single(ReferralsHarness.Buttons(page), b => (string?)b["verb"] == ReferralVerbs.Edit);
        Assert.Equal("Edit: Mental capacity", (string)edit["title"]!);
        Assert.Equal(ReferralForm.CapacitySection, (string)edit["data"]![ReferralVerbs.StepKey]!);
        var back = Assert.Single(page["actions"]!.AsArray());
        Assert.Equal(("Back to check your answers", ReferralVerbs.Review), ((string)back!["title"]!, (string)back["verb"]!));
    }

    [Fact]
    public async Task Edit_opens_the_step_with_the_whole_answer_and_its_button_goes_back_to_check_your_answers()
    {
        var h = new ReferralsHarness(azurite.NewTable("refedit"));
        var situation = string.Concat(Enumerable.Repeat("A long account of the situation. ", 60)).Trim();
        var (caseId, review) = await h.FillCompleteAsync(answers: Drafts.Complete().With(F.SituationOfConcern, situation));
        var page = ReferralsHarness.CardOf(await h.ClickAsync(ReferralsHarness.Referrer, ReferralVerbs.ReviewStep, caseId, step: ReferralForm.ConcernSection));
        Assert.Contains(ReviewCard.ShortenedNote, page.ToJsonString());

        var section = ReferralsHarness.CardOf(await h.ClickButtonAsync(ReferralsHarness.Referrer, page, "Edit: The situation of concern"));
        Assert.Contains($"Step 9 of {ReferralForm.Sections.Count}", section.ToJsonString());
        var input = Walk(section).Single(e => (string?)e["id"] == F.SituationOfConcern);
        Assert.Equal(situation, (string)input["value"]!);
        var stored = DraftRow.FromEntity(caseId, await h.Cases.GetRowAsync(caseId, DraftRow.Row, default))!;
        Assert.Equal(ReferralForm.ConcernSection, stored.Step);
        Assert.Contains(await h.Cases.GetLogAsync(caseId, default), l => l.Action == CaseActions.DraftSaved && l.Detail == ReferralForm.ConcernSection);

        // Its primary button goes back to "Check your answers" (not on to the next step), keeping what was typed.
        var primary = section["actions"]![0]!.AsObject();
        Assert.Equal("Check your answers", (string)primary["title"]!);
        var data = primary["data"]!.DeepClone().AsObject();
        data[F.SituationOfConcern] = "Shorter now.";
        var back = ReferralsHarness.CardOf(await h.ClickAsync(ReferralsHarness.Referrer, ReferralVerbs.Next, data));
        Assert.Contains("Check your answers", (string)back["body"]![0]!["text"]!);
        Assert.Contains(ReferralVerbs.Submit, ReferralsHarness.Verbs(back));
        Assert.Equal("Shorter now.", DraftRow.FromEntity(caseId, await h.Cases.GetRowAsync(caseId, DraftRow.Row, default))!.Draft.Get(F.SituationOfConcern));

        // With an error it stays on the step, still going back to "Check your answers" once corrected.
        data[F.SituationOfConcern] = "";
        var again = ReferralsHarness.CardOf(await h.ClickAsync(ReferralsHarness.Referrer, ReferralVerbs.Next, data));
        Assert.Equal("Check your answers", (string)again["actions"]![0]!["title"]!);
        Assert.Contains("Describe the situation of concern", again.ToJsonString());
    }

    [Fact]
    public async Task Edit_is_for_the_referrer_only_and_only_before_submitting()
    {
        var h = new ReferralsHarness(azurite.NewTable("refedit"));
        var (caseId, _) = await h.FillCompleteAsync();

        Assert.Equal(CaseAccess.Refused, ReferralsHarness.MessageOf(
            await h.ClickAsync(ReferralsHarness.Stranger, ReferralVerbs.Edit, caseId, step: ReferralForm.PersonSection)));
        Assert.Contains(await h.Cases.GetLogAsync(caseId, default), l => l.Action == CaseActions.AccessRefused && l.ActorKey == ReferralsHarness.Stranger);

        await h.ClickAsync(ReferralsHarness.Referrer, ReferralVerbs.Submit, caseId);
        Assert.Equal(ReferralsFeature.NotEditable, ReferralsHarness.MessageOf(
            await h.ClickAsync(ReferralsHarness.Referrer, ReferralVerbs.Edit, caseId, step: ReferralForm.PersonSection)));
    }
}
