using TeamsSafeguarding.Escalation.Cases;
using TeamsSafeguarding.Tests.Support;
using Xunit;
using TeamsSafeguarding.Cards.Referrals;
using TeamsSafeguarding.Cases;
using TeamsSafeguarding.Outbox;
using TeamsSafeguarding.Referrals;

namespace TeamsSafeguarding.Tests.Referrals;

[Collection("Azurite")]
public class DraftExpiryTests(AzuriteFixture azurite)
{
    [Fact]
    public async Task An_unused_draft_is_warned_once_then_deleted()
    {
        var h = new ReferralsHarness(azurite.NewTable("refexpiry"));
        var caseId = await h.StartDraftAsync();

        h.Clock.Advance(TimeSpan.FromDays(24));
        Assert.Equal(new DraftExpiry.SweepResult(0, 0), await h.Expiry.SweepOnceAsync(default));

        h.Clock.Advance(TimeSpan.FromDays(1)); // 25 days: 5 days before the 30
        Assert.Equal(new DraftExpiry.SweepResult(1, 0), await h.Expiry.SweepOnceAsync(default));
        var warning = Assert.Single((await h.OutboxAsync(caseId)).Select(OutboxRow.Read));
        Assert.Equal(DeliveryTarget.ToUser(ReferralsHarness.Referrer), warning.Target);
        Assert.NotNull((await h.Cases.GetAsync(caseId, default))!.ExpiryWarnedAt);

        h.Clock.Advance(TimeSpan.FromDays(2));
        Assert.Equal(new DraftExpiry.SweepResult(0, 0), await h.Expiry.SweepOnceAsync(default)); // warned once only

        h.Clock.Advance(TimeSpan.FromDays(3)); // 30 days
        Assert.Equal(new DraftExpiry.SweepResult(0, 1), await h.Expiry.SweepOnceAsync(default));
        Assert.Null(await h.Cases.GetAsync(caseId, default));
        Assert.Null(await h.Cases.GetRowAsync(caseId, DraftRow.Row, default));
        Assert.Contains(await h.Cases.GetLogAsync(caseId, default), l => l.Action == CaseActions.DraftExpired);
    }

    [Fact]
    public async Task Saving_restarts_the_clock_and_submitted_cases_are_never_swept()
    {
        var h = new ReferralsHarness(azurite.NewTable("refexpiry"));
        var draftId = await h.StartDraftAsync();
        var (submittedId, _) = await h.FillCompleteAsync("aad-other");
        await h.ClickAsync("aad-other", ReferralVerbs.Submit, submittedId);

        h.Clock.Advance(TimeSpan.FromDays(20));
        await h.ClickAsync(ReferralsHarness.Referrer, ReferralVerbs.Save, draftId);
        h.Clock.Advance(TimeSpan.FromDays(20));

        Assert.Equal(new DraftExpiry.SweepResult(0, 0), await h.Expiry.SweepOnceAsync(default));
        h.Clock.Advance(TimeSpan.FromDays(100));
        // Long past the limit but never warned (the sweep was not running): warned first, deleted after the notice period.
        Assert.Equal(new DraftExpiry.SweepResult(1, 0), await h.Expiry.SweepOnceAsync(default));
        h.Clock.Advance(TimeSpan.FromDays(4));
        Assert.Equal(new DraftExpiry.SweepResult(0, 0), await h.Expiry.SweepOnceAsync(default));
        h.Clock.Advance(TimeSpan.FromDays(1));
        Assert.Equal(new DraftExpiry.SweepResult(0, 1), await h.Expiry.SweepOnceAsync(default));
        Assert.Null(await h.Cases.GetAsync(draftId, default));
        Assert.NotNull(await h.Cases.GetAsync(submittedId, default));
    }
}
