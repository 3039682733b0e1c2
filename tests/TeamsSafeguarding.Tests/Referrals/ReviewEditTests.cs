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

/// <summary>The review page: long answers shortened (and said so), "Edit this section" opening the section whole.</summary>
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
    public void A_long_answer_is_shortened_to_300_characters_with_a_note_and_a_short_one_is_shown_whole()
    {
        var situation = new string('s', 299) + "😀" + " and more that is not shown";
        var draft = Drafts.Complete().With(F.SituationOfConcern, situation);
        var texts = Texts(ReferralViews.Review(CaseId, draft, Drafts.Today).ToJson());

        var shown = Assert.Single(texts, t => t.Contains("**The situation of concern**"));
        // Cut before the emoji rather than through it, then marked.
        Assert.Contains(new string('s', 299) + "\u2026 " + ReviewCard.ShortenedNote, shown);
        Assert.DoesNotContain("not shown", shown);
        Assert.DoesNotContain("\uD83D\u2026", shown);
        Assert.Contains(ReviewCard.ShortenedExplained, texts);
        // Short answers are whole, and no note is shown when nothing was shortened.
        Assert.Contains(texts, t => t.Contains("Alex Example"));
        Assert.DoesNotContain(ReviewCard.ShortenedExplained, Texts(ReferralViews.Review(CaseId, Drafts.Complete(), Drafts.Today).ToJson()));
    }

    [Fact]
    public void Shortened_answers_still_cannot_format_or_link()
    {
        var draft = Drafts.Complete().With(F.SituationOfConcern, "**bold** [click](https://evil.example)\n# heading " + new string('x', 600));
        var json = ReferralViews.Review(CaseId, draft, Drafts.Today).ToJson().ToJsonString();
        Assert.DoesNotContain("**bold**", json);
        Assert.DoesNotContain("](https://evil", json);
        Assert.Contains(ReviewCard.ShortenedNote, json);
    }

    [Fact]
    public void Each_section_has_an_edit_button_naming_it()
    {
        var card = ReferralViews.Review(CaseId, Drafts.Complete(), Drafts.Today).ToJson();
        var edits = ReferralsHarness.Buttons(card).Where(b => (string?)b["verb"] == ReferralVerbs.Edit).ToList();
        Assert.Equal(ReferralForm.Sections.Select(s => s.Id), edits.Select(b => (string)b["data"]![ReferralVerbs.StepKey]!));
        Assert.All(edits, b => Assert.Equal(CaseId, (string)b["data"]![ReferralVerbs.CaseIdKey]!));
    }

    [Fact]
    public async Task Edit_opens_the_section_with_the_whole_answer_and_moves_the_draft_there()
    {
        var h = new ReferralsHarness(azurite.NewTable("refedit"));
        var situation = string.Concat(Enumerable.Repeat("A long account of the situation. ", 60));
        var (caseId, review) = await h.FillCompleteAsync(answers: Drafts.Complete().With(F.SituationOfConcern, situation.Trim()));
        Assert.Contains(ReviewCard.ShortenedNote, review.ToJsonString());

        var edit = ReferralsHarness.Buttons(review).Single(b => (string?)b["verb"] == ReferralVerbs.Edit
            && (string?)b["data"]![ReferralVerbs.StepKey] == ReferralForm.ConcernSection);
        var section = ReferralsHarness.CardOf(await h.ClickAsync(ReferralsHarness.Referrer, ReferralVerbs.Edit, edit["data"]!.DeepClone().AsObject()));
        Assert.Contains("Section 5 of 6", section.ToJsonString());
        var input = Walk(section).Single(e => (string?)e["id"] == F.SituationOfConcern);
        Assert.Equal(situation.Trim(), (string)input["value"]!);

        var stored = DraftRow.FromEntity(caseId, await h.Cases.GetRowAsync(caseId, DraftRow.Row, default))!;
        Assert.Equal(ReferralForm.ConcernSection, stored.Step);
        Assert.Equal(situation.Trim(), stored.Draft.Get(F.SituationOfConcern));
        Assert.Contains(await h.Cases.GetLogAsync(caseId, default), l => l.Action == CaseActions.DraftSaved && l.Detail == ReferralForm.ConcernSection);
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
