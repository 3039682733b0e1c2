using TeamsSafeguarding.Escalation.Cases;
using TeamsSafeguarding.Tests.Support;
using Xunit;
using TeamsSafeguarding.Cards.Referrals;
using TeamsSafeguarding.Cases;
using TeamsSafeguarding.Escalation.Referrals;
using TeamsSafeguarding.Referrals;
using F = TeamsSafeguarding.Escalation.Referrals.ReferralFields;

namespace TeamsSafeguarding.Tests.Referrals;

/// <summary>"Add another risk", "Remove this risk" and "Edit risk N" against Azurite: stored at once, bounded, nothing typed lost.</summary>
[Collection("Azurite")]
public class RiskJourneyTests(AzuriteFixture azurite)
{
    private const string Step = ReferralForm.RisksSection;
    private ReferralsHarness NewHarness() => new(azurite.NewTable("refrisks"));

    private static Task<DraftRow> DraftAsync(ReferralsHarness h, string caseId) =>
        h.Cases.GetRowAsync(caseId, DraftRow.Row, default).ContinueWith(t => DraftRow.FromEntity(caseId, t.Result)!);

    private static Dictionary<string, string?> Typed(params (string Id, string? Value)[] values) => values.ToDictionary(v => v.Id, v => v.Value);

    private static Dictionary<string, string?> WithRisk(Dictionary<string, string?> inputs, string risk) =>
        new(inputs) { [ReferralVerbs.RiskKey] = risk };

    [Fact]
    public async Task Adding_a_risk_stores_what_was_typed_and_opens_the_new_risk()
    {
        var h = NewHarness();
        var caseId = await h.StartDraftAsync();
        var card = ReferralsHarness.CardOf(await h.ClickAsync(ReferralsHarness.Referrer, ReferralVerbs.AddRisk, caseId,
            WithRisk(Typed((F.Risk(1, F.RiskPart.WorkingWell), "Engages with GP"), (F.Risk(1, F.RiskPart.Worries), "Fire risk")), "1"), Step));

        var stored = await DraftAsync(h, caseId);
        Assert.Equal(2, stored.Draft.RiskCount);
        Assert.Equal(("Engages with GP", "Fire risk"), (stored.Draft.Get(F.Risk(1, F.RiskPart.WorkingWell)), stored.Draft.Get(F.Risk(1, F.RiskPart.Worries))));
        Assert.Equal(Step, stored.Step);
        Assert.Contains("\"id\":\"risk2.worries\"", card.ToJsonString());
        Assert.Contains("\"text\":\"Fire risk\"", card.ToJsonString());
        Assert.Contains(await h.Cases.GetLogAsync(caseId, default), l => l.Action == CaseActions.DraftSaved && l.Detail == Step);
    }

    [Fact]
    public async Task Removing_a_risk_moves_later_risks_up_and_is_stored_at_once()
    {
        var h = NewHarness();
        var caseId = await h.StartDraftAsync();
        await h.ClickAsync(ReferralsHarness.Referrer, ReferralVerbs.AddRisk, caseId, Typed((F.Risk(1, F.RiskPart.Worries), "first")), Step);
        await h.ClickAsync(ReferralsHarness.Referrer, ReferralVerbs.AddRisk, caseId, Typed((F.Risk(2, F.RiskPart.Worries), "second")), Step);
        await h.ClickAsync(ReferralsHarness.Referrer, ReferralVerbs.OpenRisk, caseId, WithRisk(Typed((F.Risk(3, F.RiskPart.Worries), "third")), "2"), Step);

        var card = ReferralsHarness.CardOf(await h.ClickAsync(ReferralsHarness.Referrer, ReferralVerbs.RemoveRisk, caseId,
            WithRisk(Typed((F.Risk(2, F.RiskPart.Worries), "second, edited")), "2"), Step));

        var stored = (await DraftAsync(h, caseId)).Draft;
        Assert.Equal(2, stored.RiskCount);
        Assert.Equal(("first", "third"), (stored.Get(F.Risk(1, F.RiskPart.Worries)), stored.Get(F.Risk(2, F.RiskPart.Worries))));
        Assert.Null(stored.Get(F.Risk(3, F.RiskPart.Worries)));
        Assert.DoesNotContain("second", card.ToJsonString());
    }

    [Fact]
    public async Task The_last_risk_cannot_be_removed_and_nothing_typed_is_lost()
    {
        var h = NewHarness();
        var caseId = await h.StartDraftAsync();
        var card = ReferralsHarness.CardOf(await h.ClickAsync(ReferralsHarness.Referrer, ReferralVerbs.RemoveRisk, caseId,
            WithRisk(Typed((F.Risk(1, F.RiskPart.Worries), "Only risk"), (F.Risk(1, F.RiskPart.ActionsTaken), "Two meetings")), "1"), Step));

        Assert.Contains("at least one risk", card.ToJsonString());
        var stored = (await DraftAsync(h, caseId)).Draft;
        Assert.Equal(1, stored.RiskCount);
        Assert.Equal(("Only risk", "Two meetings"), (stored.Get(F.Risk(1, F.RiskPart.Worries)), stored.Get(F.Risk(1, F.RiskPart.ActionsTaken))));
    }

    [Theory]
    [InlineData(null)]
    [InlineData("3")]
    [InlineData("two")]
    public async Task Remove_without_a_risk_the_draft_has_removes_nothing(string? risk)
    {
        var h = NewHarness();
        var caseId = await h.StartDraftAsync();
        await h.ClickAsync(ReferralsHarness.Referrer, ReferralVerbs.AddRisk, caseId, Typed((F.Risk(1, F.RiskPart.Worries), "first")), Step);
        var inputs = Typed((F.Risk(2, F.RiskPart.Worries), "second"));
        if (risk is not null) inputs[ReferralVerbs.RiskKey] = risk;
        await h.ClickAsync(ReferralsHarness.Referrer, ReferralVerbs.RemoveRisk, caseId, inputs, Step);

        var stored = (await DraftAsync(h, caseId)).Draft;
        Assert.Equal(2, stored.RiskCount);
        Assert.Equal(("first", "second"), (stored.Get(F.Risk(1, F.RiskPart.Worries)), stored.Get(F.Risk(2, F.RiskPart.Worries))));
    }

    [Fact]
    public async Task No_more_than_the_most_risks_can_be_added()
    {
        var h = NewHarness();
        var caseId = await h.StartDraftAsync();
        for (var n = 1; n < ReferralForm.MaxRisks; n++)
            await h.ClickAsync(ReferralsHarness.Referrer, ReferralVerbs.AddRisk, caseId, null, Step);
        Assert.Equal(ReferralForm.MaxRisks, (await DraftAsync(h, caseId)).Draft.RiskCount);

        var card = ReferralsHarness.CardOf(await h.ClickAsync(ReferralsHarness.Referrer, ReferralVerbs.AddRisk, caseId, null, Step));
        Assert.Contains($"up to {ReferralForm.MaxRisks} risks", card.ToJsonString());
        Assert.Equal(ReferralForm.MaxRisks, (await DraftAsync(h, caseId)).Draft.RiskCount);
    }

    [Fact]
    public async Task Next_with_a_bad_score_on_a_closed_risk_opens_that_risk_with_the_error_under_the_field()
    {
        var h = NewHarness();
        var caseId = await h.StartDraftAsync();
        await h.ClickAsync(ReferralsHarness.Referrer, ReferralVerbs.AddRisk, caseId, null, Step);
        var inputs = RiskDrafts.Three().Answers
            .Where(a => ReferralForm.FindField(a.Key) is { RiskNumber: null or <= 2 } f && ReferralForm.Find(Step)!.Fields.Contains(f))
            .ToDictionary(a => a.Key, a => (string?)a.Value);
        inputs[F.Risk(2, F.RiskPart.LikelihoodAfter)] = "9";

        var card = ReferralsHarness.CardOf(await h.ClickAsync(ReferralsHarness.Referrer, ReferralVerbs.Next, caseId, WithRisk(inputs, "1"), Step));

        var json = card.ToJsonString();
        Assert.Contains($"Step 8 of {ReferralForm.Sections.Count}", json);
        // Risk 2 is open (the error is there, not on risk 1) and the error sits right under its field.
        var open = card["body"]!.AsArray().OfType<System.Text.Json.Nodes.JsonObject>()
            .Single(e => (string?)e["style"] == "emphasis" && e.ToJsonString().Contains("risk2.")).ToJsonString();
        Assert.Contains("Likelihood after mitigation (1-5)", open);
        // The scores sit two to a row: the field and its error are in the same column.
        var items = Cards.CardJsonQuery.Objects(card["body"]).Single(e => (string?)e["type"] == "Column"
            && e["items"]!.AsArray().Any(i => (string?)i!["id"] == F.Risk(2, F.RiskPart.LikelihoodAfter)))["items"]!.AsArray();
        var at = items.Select((e, i) => (e, i)).Single(x => (string?)x.e!["id"] == F.Risk(2, F.RiskPart.LikelihoodAfter)).i;
        Assert.Equal("9", (string)items[at]!["value"]!);
        Assert.Equal("Likelihood must be a whole number from 1 to 5", (string)items.Skip(at + 1).First(e => (string?)e!["style"] == "attention")!["items"]![0]!["text"]!);
        Assert.DoesNotContain("\"id\":\"risk1.worries\"", json);
        var stored = await DraftAsync(h, caseId);
        Assert.Equal("9", stored.Draft.Get(F.Risk(2, F.RiskPart.LikelihoodAfter)));
        Assert.Equal("Falls on the stairs at night", stored.Draft.Get(F.Risk(2, F.RiskPart.Worries)));
        Assert.Equal(Step, stored.Step);
    }

    [Fact]
    public async Task A_referral_with_three_risks_is_submitted_with_all_three_in_the_frozen_version_and_the_details()
    {
        var h = NewHarness();
        var (caseId, review) = await h.FillCompleteAsync(answers: RiskDrafts.Three());
        Assert.Contains(ReferralVerbs.Submit, ReferralsHarness.Verbs(review));
        await h.ClickAsync(ReferralsHarness.Referrer, ReferralVerbs.Submit, caseId);

        var frozen = DraftRow.ReadDraft((await h.Cases.GetRowAsync(caseId, DraftRow.VersionRow(1), default))!)!;
        Assert.Equal(3, frozen.RiskCount);
        // The details show one risk a page: the contents' "Risks" row, then Next page twice.
        var details = ReferralsHarness.CardOf(await h.ClickAsync(ReferralsHarness.Coordinator, ReferralVerbs.ShowDetails, caseId));
        details = ReferralsHarness.CardOf(await h.ClickButtonAsync(ReferralsHarness.Coordinator, details, "Read Risks"));
        foreach (var (worry, n) in new[] { "Fire risk from hoarding", "Falls on the stairs at night", "Financial exploitation by a neighbour" }.Select((w, i) => (w, i + 1)))
        {
            Assert.Contains($"Risk {n} of 3", details.ToJsonString());
            Assert.Contains(worry, details.ToJsonString());
            if (n < 3) details = ReferralsHarness.CardOf(await h.ClickButtonAsync(ReferralsHarness.Coordinator, details, "Next page"));
        }
        // The band is the highest residual score over all risks: risk 2 (5 x 4 = 20, Extreme), not risk 1 (3 x 4 = 12, High).
        Assert.Equal("Extreme", (await h.Cases.GetAsync(caseId, default))!.RiskBand);
    }
}
