using TeamsSafeguarding.Escalation.Cases;
using TeamsSafeguarding.Tests.Support;
using Xunit;
using TeamsSafeguarding.Cards.Referrals;
using TeamsSafeguarding.Cases;
using TeamsSafeguarding.Escalation.Referrals;
using TeamsSafeguarding.Referrals;
using F = TeamsSafeguarding.Escalation.Referrals.ReferralFields;

namespace TeamsSafeguarding.Tests.Referrals;

[Collection("Azurite")]
public class ReferralJourneyTests(AzuriteFixture azurite)
{
    private ReferralsHarness NewHarness() => new(azurite.NewTable("refjourney"));

    [Theory]
    [InlineData("yes", "no", "no", "Act now under local safeguarding procedures")]
    [InlineData("no", "yes", "no", "Use the managing professional difficulties procedure")]
    [InlineData("no", "no", "yes", "Use best-interests decision making")]
    public async Task Each_gating_question_answered_yes_redirects_and_stores_nothing(string urgent, string disagreement, string capacity, string title)
    {
        var h = NewHarness();
        var card = ReferralsHarness.CardOf(await h.ClickAsync(ReferralsHarness.Referrer, ReferralVerbs.Route,
            ReferralsHarness.RouteAnswers(urgent, disagreement, capacity)));

        Assert.Contains(title, card.ToJsonString());
        Assert.Empty(await h.Cases.ListByReferrerAsync(ReferralsHarness.Referrer, default));
    }

    [Fact]
    public async Task An_unanswered_gating_question_is_asked_again_with_its_error()
    {
        var h = NewHarness();
        var answers = ReferralsHarness.RouteAnswers();
        answers.Remove(RouteCheck.LacksCapacityFieldId);
        var card = ReferralsHarness.CardOf(await h.ClickAsync(ReferralsHarness.Referrer, ReferralVerbs.Route, answers));
        Assert.Contains("Answer yes or no", card.ToJsonString());
        Assert.Empty(await h.Cases.ListByReferrerAsync(ReferralsHarness.Referrer, default));
    }

    [Fact]
    public async Task Next_back_and_save_each_store_the_draft_at_once()
    {
        var h = NewHarness();
        var caseId = await h.StartDraftAsync();

        await h.ClickAsync(ReferralsHarness.Referrer, ReferralVerbs.Save, caseId,
            new Dictionary<string, string?> { [F.PersonName] = "Alex Example" }, ReferralForm.PersonSection);
        Assert.Equal("Alex Example", (await DraftAsync(h, caseId)).Draft.Get(F.PersonName));

        // Back from section 2 keeps what was typed there.
        await h.ClickAsync(ReferralsHarness.Referrer, ReferralVerbs.Back, caseId,
            new Dictionary<string, string?> { [F.NeedsDescription] = "Needs help" }, ReferralForm.NeedsSection);
        var afterBack = await DraftAsync(h, caseId);
        Assert.Equal("Needs help", afterBack.Draft.Get(F.NeedsDescription));
        Assert.Equal(ReferralForm.PersonSection, afterBack.Step);

        var next = ReferralsHarness.CardOf(await h.ClickAsync(ReferralsHarness.Referrer, ReferralVerbs.Next, caseId,
            new Dictionary<string, string?> { [F.PersonAddress] = "1 Test Street" }, ReferralForm.PersonSection));
        Assert.Equal("1 Test Street", (await DraftAsync(h, caseId)).Draft.Get(F.PersonAddress));
        Assert.Contains("Section 1 of 6", next.ToJsonString()); // still incomplete: stays on section 1

        var log = await h.Cases.GetLogAsync(caseId, default);
        Assert.Equal(1, log.Count(l => l.Action == CaseActions.DraftCreated));
        Assert.Equal(3, log.Count(l => l.Action == CaseActions.DraftSaved));
        Assert.DoesNotContain(log, l => (l.Detail ?? "").Contains("Alex") || (l.Detail ?? "").Contains("Test Street") || (l.Detail ?? "").Contains("Needs help"));
    }

    [Fact]
    public async Task Validation_errors_are_shown_on_the_card_next_to_the_field()
    {
        var h = NewHarness();
        var caseId = await h.StartDraftAsync();
        var card = ReferralsHarness.CardOf(await h.ClickAsync(ReferralsHarness.Referrer, ReferralVerbs.Next, caseId,
            new Dictionary<string, string?> { [F.PersonDateOfBirth] = "2015-06-01" }, ReferralForm.PersonSection));

        var body = card["body"]!.AsArray();
        var at = body.Select((e, i) => (e, i)).Single(x => x.e!["id"]?.GetValue<string>() == F.PersonDateOfBirth).i;
        Assert.Equal("The date of birth must make the person 18 or over", body[at + 1]!["text"]!.GetValue<string>());
        Assert.Equal("2015-06-01", (await DraftAsync(h, caseId)).Draft.Get(F.PersonDateOfBirth));
    }

    [Fact]
    public async Task Filling_every_section_reaches_the_review_with_submit()
    {
        var h = NewHarness();
        var (_, review) = await h.FillCompleteAsync();
        Assert.Contains("Check your answers", review.ToJsonString());
        Assert.Contains(ReferralVerbs.Submit, ReferralsHarness.Verbs(review));
    }

    [Fact]
    public async Task Only_the_referrer_may_open_edit_or_discard_a_draft()
    {
        var h = NewHarness();
        var caseId = await h.StartDraftAsync();
        foreach (var verb in new[] { ReferralVerbs.Resume, ReferralVerbs.Next, ReferralVerbs.Save, ReferralVerbs.Discard, ReferralVerbs.DiscardConfirm, ReferralVerbs.Submit })
        {
            var answer = ReferralsHarness.MessageOf(await h.ClickAsync(ReferralsHarness.Stranger, verb, caseId,
                new Dictionary<string, string?> { [F.PersonName] = "Intruder" }, ReferralForm.PersonSection));
            Assert.Equal(CaseAccess.Refused, answer);
        }
        Assert.Null((await DraftAsync(h, caseId)).Draft.Get(F.PersonName));
        Assert.NotNull(await h.Cases.GetAsync(caseId, default));
        var refusals = (await h.Cases.GetLogAsync(caseId, default)).Where(l => l.Action == CaseActions.AccessRefused).ToList();
        Assert.Equal(6, refusals.Count);
        Assert.All(refusals, r => Assert.Equal(ReferralsHarness.Stranger, r.ActorKey));
    }

    [Theory]
    [InlineData("not-a-case-id")]
    [InlineData("0123456789abcdef0123456789abcdef")]
    [InlineData("")]
    public async Task Bad_card_data_gets_a_friendly_answer(string caseId)
    {
        var h = NewHarness();
        Assert.Equal(CaseAccess.NotFound, ReferralsHarness.MessageOf(await h.ClickAsync(ReferralsHarness.Referrer, ReferralVerbs.Resume, caseId)));
        Assert.Equal(CaseAccess.NotFound, ReferralsHarness.MessageOf(await h.ClickAsync(ReferralsHarness.Referrer, ReferralVerbs.ShowDetails, caseId)));
    }

    [Fact]
    public async Task Discarding_a_draft_deletes_it_after_confirmation()
    {
        var h = NewHarness();
        var caseId = await h.StartDraftAsync();
        var confirm = ReferralsHarness.CardOf(await h.ClickAsync(ReferralsHarness.Referrer, ReferralVerbs.Discard, caseId));
        Assert.Contains(ReferralVerbs.DiscardConfirm, ReferralsHarness.Verbs(confirm));
        Assert.NotNull(await h.Cases.GetAsync(caseId, default));

        await h.ClickAsync(ReferralsHarness.Referrer, ReferralVerbs.DiscardConfirm, caseId);
        Assert.Null(await h.Cases.GetAsync(caseId, default));
        Assert.Null(await h.Cases.GetRowAsync(caseId, DraftRow.Row, default));
        Assert.Contains(await h.Cases.GetLogAsync(caseId, default), l => l.Action == CaseActions.DraftDiscarded);
    }

    [Fact]
    public async Task My_referrals_lists_drafts_with_resume_and_discard()
    {
        var h = NewHarness();
        var caseId = await h.StartDraftAsync();
        var card = ReferralsHarness.CardOf(await h.ClickAsync(ReferralsHarness.Referrer, ReferralVerbs.List)).ToJsonString();
        Assert.Contains(caseId, card);
        Assert.Contains(ReferralVerbs.Resume, card);
        Assert.Contains(ReferralVerbs.Discard, card);
        Assert.DoesNotContain(caseId, ReferralsHarness.CardOf(await h.ClickAsync(ReferralsHarness.Stranger, ReferralVerbs.List)).ToJsonString());
    }

    internal static async Task<DraftRow> DraftAsync(ReferralsHarness h, string caseId) =>
        DraftRow.FromEntity(caseId, await h.Cases.GetRowAsync(caseId, DraftRow.Row, default))!;
}
