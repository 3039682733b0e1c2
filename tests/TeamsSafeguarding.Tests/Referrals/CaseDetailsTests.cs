using TeamsSafeguarding.Escalation.Cases;
using TeamsSafeguarding.Tests.Support;
using Xunit;
using TeamsSafeguarding.Board;
using TeamsSafeguarding.Cards.Referrals;
using TeamsSafeguarding.Cases;
using TeamsSafeguarding.Referrals;
using TeamsSafeguarding.Escalation.Referrals;

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

    [Theory]
    [InlineData(ReferralsHarness.Referrer, nameof(BoardRole.Referrer))]
    [InlineData(ReferralsHarness.Coordinator, nameof(BoardRole.Coordinator))]
    [InlineData(ReferralsHarness.PoliceRep, nameof(BoardRole.PartnerRep))]
    public async Task The_referrer_and_board_roles_see_the_details_and_the_view_is_logged(string userKey, string role)
    {
        var (h, caseId) = await SubmittedAsync();
        var card = ReferralsHarness.CardOf(await h.ClickAsync(userKey, ReferralVerbs.ShowDetails, caseId)).ToJsonString();
        Assert.Contains("Alex Example", card);
        Assert.Contains("SAB-2026-0001", card);
        var viewed = Assert.Single(await h.Cases.GetLogAsync(caseId, default), l => l.Action == CaseActions.DetailsViewed);
        Assert.Equal((userKey, role), (viewed.ActorKey, viewed.ActorRole));
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
        Assert.Contains("Alex Example", ReferralsHarness.CardOf(await h.ClickAsync("aad-auditor", ReferralVerbs.ShowDetails, caseId)).ToJsonString());
        Assert.Contains("Alex Example", ReferralsHarness.CardOf(await h.ClickAsync("aad-chair", ReferralVerbs.ShowDetails, caseId)).ToJsonString());
    }

    [Fact]
    public async Task Details_open_on_the_person_with_buttons_to_every_other_part_and_each_page_is_checked_and_logged()
    {
        var (h, caseId) = await SubmittedAsync();
        var first = ReferralsHarness.CardOf(await h.ClickAsync(ReferralsHarness.Coordinator, ReferralVerbs.ShowDetails, caseId));
        Assert.Contains("The person and you", first.ToJsonString());
        var pages = ReferralsHarness.Buttons(first).Select(b => (string)b["title"]!).ToList();
        Assert.Equal([.. ReferralForm.Sections.Skip(1).Select(s => s.Title).Take(3), "The risk", .. ReferralForm.Sections.Skip(4).Select(s => s.Title)], pages);

        var concern = ReferralsHarness.CardOf(await h.ClickButtonAsync(ReferralsHarness.PoliceRep, first, "Daily life and shared concern"));
        Assert.Contains("Long-standing self-neglect.", concern.ToJsonString());
        Assert.DoesNotContain("Alex Example", concern.ToJsonString());
        var risk = ReferralsHarness.CardOf(await h.ClickButtonAsync(ReferralsHarness.PoliceRep, concern, "The risk"));
        Assert.Contains("Risk 1 of 1", risk.ToJsonString());
        Assert.DoesNotContain(ReferralsHarness.Buttons(risk), b => (string?)b["title"] is "Previous risk" or "Next risk");

        var views = (await h.Cases.GetLogAsync(caseId, default)).Where(l => l.Action == CaseActions.DetailsViewed).ToList();
        // One view logged per page, naming who and which page (the clock does not move here, so the order is the log's own).
        Assert.Equal(
            [$"{ReferralsHarness.Coordinator} version 1; person", $"{ReferralsHarness.PoliceRep} version 1; concern", $"{ReferralsHarness.PoliceRep} version 1; risks 1"],
            views.Select(v => $"{v.ActorKey} {v.Detail}").Order(StringComparer.Ordinal));
    }

    [Theory]
    [InlineData(ReferralForm.CapacitySection, null)]
    [InlineData(CaseDetailsCard.RisksPage, 1)]
    public async Task Anyone_else_is_refused_every_page_and_the_refusal_logged(string page, int? risk)
    {
        var (h, caseId) = await SubmittedAsync();
        var data = new System.Text.Json.Nodes.JsonObject { [ReferralVerbs.CaseIdKey] = caseId, [ReferralVerbs.StepKey] = page };
        if (risk is { } n) data[ReferralVerbs.RiskKey] = n;
        Assert.Equal(CaseDetails.Refused, ReferralsHarness.MessageOf(await h.ClickAsync(ReferralsHarness.Stranger, ReferralVerbs.ShowDetails, data)));
        var log = await h.Cases.GetLogAsync(caseId, default);
        Assert.Contains(log, l => l.Action == CaseActions.AccessRefused && l.ActorKey == ReferralsHarness.Stranger);
        Assert.DoesNotContain(log, l => l.Action == CaseActions.DetailsViewed);
    }

    [Fact]
    public async Task A_risk_page_beyond_the_referral_shows_its_last_risk()
    {
        var (h, caseId) = await SubmittedAsync();
        var data = new System.Text.Json.Nodes.JsonObject { [ReferralVerbs.CaseIdKey] = caseId, [ReferralVerbs.StepKey] = CaseDetailsCard.RisksPage, [ReferralVerbs.RiskKey] = 7 };
        Assert.Contains("Risk 1 of 1", ReferralsHarness.CardOf(await h.ClickAsync(ReferralsHarness.Coordinator, ReferralVerbs.ShowDetails, data)).ToJsonString());
    }
}
