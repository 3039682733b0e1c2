using TeamsSafeguarding.Escalation.Cases;
using TeamsSafeguarding.Tests.Support;
using Xunit;
using TeamsSafeguarding.Board;
using TeamsSafeguarding.Cards.Referrals;
using TeamsSafeguarding.Cases;
using TeamsSafeguarding.Referrals;
using TeamsSafeguarding.Escalation.Referrals;
using TeamsSafeguarding.Tests.Cards;
using Drafts = TeamsSafeguarding.Tests.Escalation.Referrals.Drafts;

namespace TeamsSafeguarding.Tests.Referrals;

[Collection("Azurite")]
public class CaseDetailsTests(AzuriteFixture azurite)
{
    private async Task<(ReferralsHarness H, string CaseId)> SubmittedAsync()
    {
        var h = new ReferralsHarness(azurite.NewTable("refdetails"));
        var (caseId, _) = await h.FillCompleteAsync();
        await h.ClickAsync(ReferralsHarness.Referrer, ReferralVerbs.Submit, caseId);
        return (h, caseId);
    }

    private static System.Text.Json.Nodes.JsonObject Page(string caseId, int page) =>
        new() { [ReferralVerbs.CaseIdKey] = caseId, [ReferralVerbs.PageKey] = page };

    [Theory]
    [InlineData(ReferralsHarness.Referrer, nameof(BoardRole.Referrer))]
    [InlineData(ReferralsHarness.Coordinator, nameof(BoardRole.Coordinator))]
    public async Task The_referrer_and_board_roles_see_the_details_and_each_read_is_logged(string userKey, string role)
    {
        var (h, caseId) = await SubmittedAsync();
        var contents = ReferralsHarness.CardOf(await h.ClickAsync(userKey, ReferralVerbs.ShowDetails, caseId)).ToJsonString();
        Assert.Contains("SAB-2026-0001", contents);
        Assert.DoesNotContain("Alex Example", contents);
        var card = ReferralsHarness.CardOf(await h.ClickAsync(userKey, ReferralVerbs.ShowDetails, Page(caseId, 1))).ToJsonString();
        Assert.Contains("Alex Example", card);
        var viewed = (await h.Cases.GetLogAsync(caseId, default)).Where(l => l.Action == CaseActions.DetailsViewed).ToList();
        Assert.Equal(2, viewed.Count);
        Assert.All(viewed, v => Assert.Equal((userKey, role), (v.ActorKey, v.ActorRole)));
    }

    [Fact]
    public async Task A_partner_member_sees_a_referral_only_once_it_is_sent_to_the_partners()
    {
        var (h, caseId) = await SubmittedAsync();
        var answer = ReferralsHarness.MessageOf(await h.ClickAsync(ReferralsHarness.PoliceRep, ReferralVerbs.ShowDetails, Page(caseId, 1)));
        Assert.Equal(CaseDetails.NotYetWithPartners, answer);
        var log = await h.Cases.GetLogAsync(caseId, default);
        Assert.Contains(log, l => l.Action == CaseActions.AccessRefused && l.ActorKey == ReferralsHarness.PoliceRep);
        Assert.DoesNotContain(log, l => l.Action == CaseActions.DetailsViewed);
    }

    [Fact]
    public async Task Anyone_else_is_refused_and_the_refusal_logged()
    {
        var (h, caseId) = await SubmittedAsync();
        var answer = ReferralsHarness.MessageOf(await h.ClickAsync(ReferralsHarness.Stranger, ReferralVerbs.ShowDetails, caseId));
        Assert.Equal(CaseDetails.Refused, answer);
        Assert.DoesNotContain("Alex", answer);
        var log = await h.Cases.GetLogAsync(caseId, default);
        Assert.Contains(log, l => l.Action == CaseActions.AccessRefused && l.ActorKey == ReferralsHarness.Stranger);
        Assert.DoesNotContain(log, l => l.Action == CaseActions.DetailsViewed);
    }

    [Fact]
    public async Task Auditors_and_the_chair_may_look_too()
    {
        var (h, caseId) = await SubmittedAsync();
        h.Board.Auditors.Add("aad-auditor");
        h.Board.Chairs.Add("aad-chair");
        Assert.Contains("Alex Example", ReferralsHarness.CardOf(await h.ClickAsync("aad-auditor", ReferralVerbs.ShowDetails, Page(caseId, 1))).ToJsonString());
        Assert.Contains("Alex Example", ReferralsHarness.CardOf(await h.ClickAsync("aad-chair", ReferralVerbs.ShowDetails, Page(caseId, 1))).ToJsonString());
    }

    [Fact]
    public async Task Details_open_on_the_contents_with_a_row_per_step_then_page_by_page_each_checked_and_logged()
    {
        var (h, caseId) = await SubmittedAsync();
        var contents = ReferralsHarness.CardOf(await h.ClickAsync(ReferralsHarness.Coordinator, ReferralVerbs.ShowDetails, caseId));
        var rows = CardJsonQuery.Objects(contents["body"]).Where(o => o["selectAction"] is not null).ToList();
        Assert.Equal(ReferralForm.Sections.Select(s => $"Read {s.Title}"), rows.Select(r => (string)r["selectAction"]!["title"]!));
        Assert.Equal(["Read from the start"], contents["actions"]!.AsArray().Select(a => (string)a!["title"]!));

        var concern = ReferralsHarness.CardOf(await h.ClickButtonAsync(ReferralsHarness.Coordinator, contents, "Read The situation of concern"));
        Assert.Contains("Long-standing self-neglect.", concern.ToJsonString());
        Assert.DoesNotContain("Alex Example", concern.ToJsonString());
        Assert.Equal(["Next page", "Previous page", "Contents"], concern["actions"]!.AsArray().Select(a => (string)a!["title"]!));
        var next = ReferralsHarness.CardOf(await h.ClickButtonAsync(ReferralsHarness.Coordinator, concern, "Next page"));
        Assert.Contains("The criteria for this route", next.ToJsonString());

        var pages = ReferralViews.DetailsPages(Drafts.Complete()).Count;
        var concernPage = ReferralViews.DetailsPages(Drafts.Complete()).ToList().FindIndex(p => p.SectionId == ReferralForm.ConcernSection) + 1;
        var views = (await h.Cases.GetLogAsync(caseId, default)).Where(l => l.Action == CaseActions.DetailsViewed).ToList();
        // One read logged per page, naming who and which page (the clock does not move here, so the order is the log's own).
        Assert.Equivalent(
            new[] { $"{ReferralsHarness.Coordinator} version 1; contents", $"{ReferralsHarness.Coordinator} version 1; page {concernPage} of {pages} (concern)",
             $"{ReferralsHarness.Coordinator} version 1; page {concernPage + 1} of {pages} (criteria)" },
            views.Select(v => $"{v.ActorKey} {v.Detail}"), strict: true);
    }

    [Theory]
    [InlineData(null)]
    [InlineData(3)]
    public async Task Anyone_else_is_refused_every_page_and_the_refusal_logged(int? page)
    {
        var (h, caseId) = await SubmittedAsync();
        var data = new System.Text.Json.Nodes.JsonObject { [ReferralVerbs.CaseIdKey] = caseId };
        if (page is { } n) data[ReferralVerbs.PageKey] = n;
        Assert.Equal(CaseDetails.Refused, ReferralsHarness.MessageOf(await h.ClickAsync(ReferralsHarness.Stranger, ReferralVerbs.ShowDetails, data)));
        var log = await h.Cases.GetLogAsync(caseId, default);
        Assert.Contains(log, l => l.Action == CaseActions.AccessRefused && l.ActorKey == ReferralsHarness.Stranger);
        Assert.DoesNotContain(log, l => l.Action == CaseActions.DetailsViewed);
    }

    [Fact]
    public async Task A_page_beyond_the_referral_shows_its_last_page()
    {
        var (h, caseId) = await SubmittedAsync();
        var last = ReferralsHarness.CardOf(await h.ClickAsync(ReferralsHarness.Coordinator, ReferralVerbs.ShowDetails, Page(caseId, 999))).ToJsonString();
        Assert.Contains($"Page {ReferralViews.DetailsPages(Drafts.Complete()).Count} of {ReferralViews.DetailsPages(Drafts.Complete()).Count}", last);
    }
}
