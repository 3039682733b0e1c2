using TeamsSafeguarding.Tests.Support;
using Xunit;
using TeamsSafeguarding.Cards.Referrals;
using TeamsSafeguarding.Cases;
using TeamsSafeguarding.Escalation.Cases;
using TeamsSafeguarding.Outbox;
using TeamsSafeguarding.Referrals;
using TeamsSafeguarding.Triage;

namespace TeamsSafeguarding.Tests.Referrals;

[Collection("Azurite")]
public class ReferralSubmissionTests(AzuriteFixture azurite)
{
    private ReferralsHarness NewHarness(bool channel = true) => new(azurite.NewTable("refsubmit"), channel);

    [Fact]
    public async Task Submitting_assigns_the_first_reference_of_the_year_and_freezes_version_one()
    {
        var h = NewHarness();
        var (caseId, _) = await h.FillCompleteAsync();

        var confirmation = ReferralsHarness.CardOf(await h.ClickAsync(ReferralsHarness.Referrer, ReferralVerbs.Submit, caseId));
        Assert.Contains("SAB-2026-0001", confirmation.ToJsonString());

        var record = (await h.Cases.GetAsync(caseId, default))!;
        Assert.Equal(CaseStage.Received, record.Stage);
        Assert.Equal("SAB-2026-0001", record.Reference);
        Assert.Equal(1, record.Version);
        Assert.Equal(h.Clock.GetUtcNow(), record.ReceivedAt);
        Assert.Equal("Adult Social Care", record.ReferringAgency);
        Assert.False(string.IsNullOrEmpty(record.RiskBand));
        Assert.Equal(caseId, await h.Cases.FindCaseIdAsync("sab-2026-0001", default));

        var frozen = await h.Cases.GetRowAsync(caseId, "version|0001", default);
        Assert.Equal("Alex Example", DraftRow.ReadDraft(frozen!)!.Get(TeamsSafeguarding.Escalation.Referrals.ReferralFields.PersonName));

        var log = await h.Cases.GetLogAsync(caseId, default);
        var submitted = Assert.Single(log, l => l.Action == CaseActions.Submitted);
        Assert.Single(log, l => l.Action == CaseActions.Received);
        Assert.Contains("SAB-2026-0001", submitted.Detail);
        Assert.DoesNotContain("Alex", submitted.Detail);
    }

    [Fact]
    public async Task The_coordinators_are_told_and_no_channel_card_carries_the_persons_details()
    {
        var h = NewHarness();
        var (caseId, _) = await h.FillCompleteAsync();
        await h.ClickAsync(ReferralsHarness.Referrer, ReferralVerbs.Submit, caseId);

        var outbox = (await h.OutboxAsync(caseId)).Select(OutboxRow.Read).ToList();
        var notice = Assert.Single(outbox);
        Assert.Equal(DeliveryTarget.ToChannel(ReferralsHarness.CoordinatorsChannel), notice.Target);
        var json = System.Text.Json.JsonSerializer.Serialize(notice.Activity);
        Assert.Contains("SAB-2026-0001", json);
        foreach (var personal in new[] { "Alex Example", "1960-05-01", "1 May 1960", "1 Test Street", "Testtown", "LAS-12345", "943 476 5919" })
            Assert.DoesNotContain(personal, json);
    }

    [Fact]
    public async Task Without_a_coordinators_channel_the_referral_is_still_stored_and_the_referrer_told()
    {
        var h = NewHarness(channel: false);
        var (caseId, _) = await h.FillCompleteAsync();
        var card = ReferralsHarness.CardOf(await h.ClickAsync(ReferralsHarness.Referrer, ReferralVerbs.Submit, caseId)).ToJsonString();
        Assert.Contains("not set up yet", card);
        Assert.Equal(CaseStage.Received, (await h.Cases.GetAsync(caseId, default))!.Stage);
        Assert.Empty(await h.OutboxAsync(caseId));
    }

    [Fact]
    public async Task Submitting_twice_answers_with_the_same_confirmation_and_no_second_reference()
    {
        var h = NewHarness();
        var (caseId, _) = await h.FillCompleteAsync();
        var first = ReferralsHarness.CardOf(await h.ClickAsync(ReferralsHarness.Referrer, ReferralVerbs.Submit, caseId)).ToJsonString();
        var second = ReferralsHarness.CardOf(await h.ClickAsync(ReferralsHarness.Referrer, ReferralVerbs.Submit, caseId)).ToJsonString();
        Assert.Equal(first, second);
        Assert.Equal(1, (await h.Cases.GetAsync(caseId, default))!.Version);
        Assert.Null(await h.Cases.FindCaseIdAsync("SAB-2026-0002", default));
        Assert.Single(await h.Cases.GetLogAsync(caseId, default), l => l.Action == CaseActions.Submitted);
    }

    [Fact]
    public async Task Ten_referrals_submitted_at_once_get_ten_different_references()
    {
        var h = NewHarness();
        var ids = new List<string>();
        for (var i = 0; i < 10; i++) ids.Add((await h.FillCompleteAsync("aad-worker-" + i)).CaseId);

        await Task.WhenAll(ids.Select((id, i) => h.ClickAsync("aad-worker-" + i, ReferralVerbs.Submit, id)));

        var references = new List<string>();
        foreach (var id in ids) references.Add((await h.Cases.GetAsync(id, default))!.Reference!);
        Assert.Equal(Enumerable.Range(1, 10).Select(n => $"SAB-2026-{n:0000}").Order(), references.Order());
    }

    [Fact]
    public async Task A_returned_referral_is_resubmitted_as_version_two_under_the_same_reference()
    {
        var h = NewHarness();
        var (caseId, _) = await h.FillCompleteAsync();
        await h.ClickAsync(ReferralsHarness.Referrer, ReferralVerbs.Submit, caseId);
        // Triage returns it (another feature's job): the case head moves to Returned.
        var received = (await h.Cases.GetAsync(caseId, default))!;
        await h.Table.UpdateEntityAsync(CaseRow.ToEntity(received with { Stage = CaseStage.Returned }), Azure.ETag.All);

        var resumed = ReferralsHarness.CardOf(await h.ClickAsync(ReferralsHarness.Referrer, ReferralVerbs.Resume, caseId));
        Assert.Contains(ReferralVerbs.Submit, ReferralsHarness.Verbs(resumed));
        h.Clock.Advance(TimeSpan.FromDays(3));
        var confirmation = ReferralsHarness.CardOf(await h.ClickAsync(ReferralsHarness.Referrer, ReferralVerbs.Submit, caseId)).ToJsonString();

        var record = (await h.Cases.GetAsync(caseId, default))!;
        Assert.Equal(("SAB-2026-0001", 2, CaseStage.Received), (record.Reference, record.Version, record.Stage));
        Assert.Contains("SAB-2026-0001", confirmation);
        Assert.NotNull(await h.Cases.GetRowAsync(caseId, "version|0001", default));
        Assert.NotNull(await h.Cases.GetRowAsync(caseId, "version|0002", default));
        Assert.Contains(await h.Cases.GetLogAsync(caseId, default), l => l.Action == CaseActions.Resubmitted);
    }

    [Fact]
    public async Task An_incomplete_draft_is_not_submitted()
    {
        var h = NewHarness();
        var caseId = await h.StartDraftAsync();
        var card = ReferralsHarness.CardOf(await h.ClickAsync(ReferralsHarness.Referrer, ReferralVerbs.Submit, caseId));
        Assert.Contains("Check your answers", card.ToJsonString());
        Assert.Equal(CaseStage.Draft, (await h.Cases.GetAsync(caseId, default))!.Stage);
    }
}
