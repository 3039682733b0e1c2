using TeamsSafeguarding.Tests.Support;
using Xunit;
using TeamsSafeguarding.Board;
using TeamsSafeguarding.Cards.Referrals;
using TeamsSafeguarding.Cases;
using TeamsSafeguarding.Referrals;

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
}
