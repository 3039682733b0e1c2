using TeamsSafeguarding.Escalation.Cases;
using TeamsSafeguarding.Tests.Support;
using Xunit;
using TeamsSafeguarding.Cards.Referrals;
using TeamsSafeguarding.Cases;
using TeamsSafeguarding.Escalation.Referrals;
using TeamsSafeguarding.Referrals;
using F = TeamsSafeguarding.Escalation.Referrals.ReferralFields;
using System.Text.Json.Nodes;
using Azure.Data.Tables;
using Microsoft.Extensions.DependencyInjection;
using TeamsSafeguarding.Conversations;
using TeamsSafeguarding.Outbox;
using TeamsSafeguarding.Routing;
using TeamsSafeguarding.Tests.Cards;
using TeamsSafeguarding.Teams;
using Drafts = TeamsSafeguarding.Tests.Escalation.Referrals.Drafts;

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

        // Back from step 3 keeps what was typed there.
        await h.ClickAsync(ReferralsHarness.Referrer, ReferralVerbs.Back, caseId,
            new Dictionary<string, string?> { [F.NeedsDescription] = "Needs help" }, ReferralForm.NeedsSection);
        var afterBack = await DraftAsync(h, caseId);
        Assert.Equal("Needs help", afterBack.Draft.Get(F.NeedsDescription));
        Assert.Equal(ReferralForm.ReferrerSection, afterBack.Step);

        var next = ReferralsHarness.CardOf(await h.ClickAsync(ReferralsHarness.Referrer, ReferralVerbs.Next, caseId,
            new Dictionary<string, string?> { [F.PersonAddress] = "1 Test Street" }, ReferralForm.PersonSection));
        Assert.Equal("1 Test Street", (await DraftAsync(h, caseId)).Draft.Get(F.PersonAddress));
        Assert.Contains($"Step 1 of {ReferralForm.Sections.Count}", next.ToJsonString()); // still incomplete: stays on step 1

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
        Assert.Equal("The date of birth must make the person 18 or over", body[at + 1]!["items"]![0]!["text"]!.GetValue<string>());
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
    public async Task My_referrals_names_each_draft_by_start_date_and_step_and_opens_it_with_resume_and_discard()
    {
        var h = NewHarness();
        var caseId = await h.StartDraftAsync();
        h.Clock.Advance(TimeSpan.FromDays(2));
        await h.ClickAsync(ReferralsHarness.Referrer, ReferralVerbs.Next, caseId, Drafts.Complete().Answers
            .Where(a => ReferralForm.Find(ReferralForm.PersonSection)!.Fields.Any(f => f.Id == a.Key)).ToDictionary(a => a.Key, a => (string?)a.Value), ReferralForm.PersonSection);
        var list = ReferralsHarness.CardOf(await h.ClickAsync(ReferralsHarness.Referrer, ReferralVerbs.List));
        var row = ReferralsHarness.Buttons(list).Single(b => (string?)b["verb"] == ReferralVerbs.Open);
        Assert.Equal(caseId, (string)row["data"]![ReferralVerbs.CaseIdKey]!);
        // Named without personal details: when it was started (27 March) and the step reached; not "Draft referral".
        Assert.Contains("Draft started 27 Mar 2026", list.ToJsonString());
        Assert.Contains($"Step 2 of {ReferralForm.Sections.Count}: About you", list.ToJsonString());
        Assert.DoesNotContain("Alex Example", list.ToJsonString());

        var opened = ReferralsHarness.CardOf(await h.ClickAsync(ReferralsHarness.Referrer, ReferralVerbs.Open, row["data"]!.DeepClone().AsObject()));
        Assert.Equal([ReferralVerbs.Resume, ReferralVerbs.Discard, ReferralVerbs.List], ReferralsHarness.Verbs(opened));
        Assert.DoesNotContain(caseId, ReferralsHarness.CardOf(await h.ClickAsync(ReferralsHarness.Stranger, ReferralVerbs.List)).ToJsonString());
        Assert.Equal(CaseAccess.Refused, ReferralsHarness.MessageOf(await h.ClickAsync(ReferralsHarness.Stranger, ReferralVerbs.Open, caseId)));
    }

    [Fact]
    public async Task Capacity_never_assessed_stops_the_referral_at_its_step_with_the_reason_next_to_the_answer()
    {
        var h = NewHarness();
        var caseId = await h.StartDraftAsync();
        var capacity = ReferralForm.Find(ReferralForm.CapacitySection)!.Fields.ToDictionary(f => f.Id, f => Drafts.Complete().Get(f.Id));
        capacity[F.CapacityAssessed] = "no";

        var card = ReferralsHarness.CardOf(await h.ClickAsync(ReferralsHarness.Referrer, ReferralVerbs.Next, caseId, capacity, ReferralForm.CapacitySection));

        Assert.Contains($"Step 4 of {ReferralForm.Sections.Count}", card.ToJsonString());
        var body = Cards.CardJsonQuery.Objects(card["body"]).ToList();
        var at = body.FindIndex(o => (string?)o["id"] == F.CapacityAssessed);
        var error = body.Skip(at + 1).First(o => (string?)o["style"] == "attention");
        Assert.Contains("assessed first", CardJsonQuery.AllText(error));
        Assert.Equal(ReferralForm.CapacitySection, (await DraftAsync(h, caseId)).Step);
    }

    [Fact]
    public async Task Save_and_exit_turns_the_form_into_a_short_saved_card()
    {
        var h = NewHarness();
        var caseId = await h.StartDraftAsync();
        var saved = ReferralsHarness.CardOf(await h.ClickAsync(ReferralsHarness.Referrer, ReferralVerbs.Save, caseId,
            new Dictionary<string, string?> { [F.PersonName] = "Alex Example" }, ReferralForm.PersonSection));

        Assert.Equal("Saved", (string)saved["body"]![0]!["text"]!);
        Assert.Contains("Draft started 27 Mar 2026, at step 1 of 12: The person. Resume it from my referrals.", saved.ToJsonString());
        Assert.DoesNotContain(saved["body"]!.AsArray(), e => ((string?)e!["type"])?.StartsWith("Input.") == true);
        Assert.Equal([ReferralVerbs.List], ReferralsHarness.Verbs(saved));
        Assert.DoesNotContain("Alex Example", saved.ToJsonString());
        Assert.Equal("Alex Example", (await DraftAsync(h, caseId)).Draft.Get(F.PersonName));
    }

    [Fact]
    public async Task Typing_in_the_chat_mid_draft_gets_a_resume_hint_naming_the_draft_not_sorry()
    {
        var h = NewHarness();
        var replies = h.Services.GetRequiredService<IChatReplies>();
        var activity = new Activity
        {
            Type = ActivityTypes.Message, Text = "Alex Example, 1 Test Street",
            From = new ChannelAccount { Id = "29:" + ReferralsHarness.Referrer, AadObjectId = ReferralsHarness.Referrer },
            Conversation = new ConversationAccount { Id = "a:personal-hint", ConversationType = "personal" },
        };
        var seen = new HashSet<string>();
        async Task<JsonObject> HintAsync()
        {
            await replies.HintAsync(new ChatMessage(activity, Actor.From(activity)!, activity.Text!), default);
            var rows = new List<TableEntity>();
            await foreach (var row in h.Table.QueryAsync<TableEntity>(e => e.PartitionKey == ConversationReference.PartitionOf("a:personal-hint"))) rows.Add(row);
            var sent = Assert.Single(rows, r => r.RowKey.StartsWith(OutboxRow.Prefix) && !seen.Contains(r.RowKey));
            seen.Add(sent.RowKey);
            return (JsonObject)OutboxRow.Read(sent).Activity.Attachments![0].Content!;
        }

        Assert.Contains("Sorry, I didn", (await HintAsync()).ToJsonString()); // no draft yet
        var caseId = await h.StartDraftAsync();
        var hint = await HintAsync();
        Assert.DoesNotContain("Sorry", hint.ToJsonString());
        Assert.Contains("Typing here does not fill in your referral. You have a draft: Draft started 27 Mar 2026, at step 1 of 12: The person.", hint.ToJsonString());
        Assert.DoesNotContain("Test Street", hint.ToJsonString());
        var resume = Assert.Single(ReferralsHarness.Buttons(hint), b => (string?)b["verb"] == ReferralVerbs.Resume);
        Assert.Equal(caseId, (string)resume["data"]![ReferralVerbs.CaseIdKey]!);
    }

    internal static async Task<DraftRow> DraftAsync(ReferralsHarness h, string caseId) =>
        DraftRow.FromEntity(caseId, await h.Cases.GetRowAsync(caseId, DraftRow.Row, default))!;
}
