using System.Text.Json.Nodes;
using TeamsSafeguarding.Cards.Referrals;
using TeamsSafeguarding.Escalation.Cases;
using TeamsSafeguarding.Escalation.Referrals;
using TeamsSafeguarding.Referrals;
using TeamsSafeguarding.Tests.Cards;
using Xunit;
using Xunit.Abstractions;
using Drafts = TeamsSafeguarding.Tests.Escalation.Referrals.Drafts;
using F = TeamsSafeguarding.Escalation.Referrals.ReferralFields;

namespace TeamsSafeguarding.Tests.Referrals;

/// <summary>
/// Every card the referral journey sends or answers with stays within Teams' older, stricter message limit (40 KB
/// counted as UTF-16) at the worst case the form accepts: the most risks, every answer at its longest, every list ticked.
/// </summary>
public class CardSizeTests(ITestOutputHelper output)
{
    private const string CaseId = "0123456789abcdef0123456789abcdef";
    private const string Reference = "SAB-2026-0001";

    private void AssertFits(string name, JsonObject card)
    {
        var bytes = CardSize.Utf16Bytes(card);
        output.WriteLine($"{name}: {bytes / 1024.0:F1} KB as UTF-16");
        Assert.True(bytes <= CardSize.MaxUtf16Bytes, $"{name} is {bytes} bytes as UTF-16, over {CardSize.MaxUtf16Bytes}");
        CardSchema.AssertValid(card);
    }

    private static ReferralDraft WithOneRisk(ReferralDraft draft)
    {
        while (draft.RiskCount > 1) draft = draft.WithRiskRemoved(draft.RiskCount);
        return draft;
    }

    [Fact]
    public void The_measure_counts_two_bytes_a_character_of_the_json_and_an_accent_as_one_character()
    {
        var card = new JsonObject { ["text"] = "é" };
        Assert.Equal("{\"text\":\"é\"}".Length * 2, CardSize.Utf16Bytes(card));
        Assert.Equal(20 * 1024, CardSize.MaxUtf16Bytes / 2);
        Assert.False(CardSize.Fits(new JsonObject { ["text"] = new string('w', 20 * 1024) }));
    }

    [Fact]
    public void The_worst_case_is_one_the_form_accepts()
    {
        var draft = RiskDrafts.Largest();
        Assert.Equal(ReferralForm.MaxRisks, draft.RiskCount);
        Assert.Empty(ReferralValidation.ValidateForSubmit(draft, Drafts.Today));
        Assert.Empty(ReferralValidation.ValidateForSubmit(RiskDrafts.Largest("é"), Drafts.Today));
        Assert.Equal(FieldValues.SplitMulti(draft.Get(F.NeedsOutcomes)).Count, ReferralForm.FindField(F.NeedsOutcomes)!.Choices.Count);
    }

    [Fact]
    public void The_route_check_and_the_redirect_fit()
    {
        var answers = RouteCheck.Questions.ToDictionary(q => q.FieldId, string? (_) => "maybe");
        AssertFits("route check", ReferralViews.RouteCheck().ToJson());
        AssertFits("route check with errors", ReferralViews.RouteCheck(answers, [.. RouteCheck.Questions.Select(q => new FieldError(q.FieldId, "Answer yes or no"))]).ToJson());
        AssertFits("redirect", ReferralViews.Redirect(RouteCheck.Evaluate(new RouteAnswers(true, true, true))).ToJson());
    }

    public static TheoryData<string> Fills => ["w", "é"];

    [Theory]
    [MemberData(nameof(Fills))]
    public void Every_step_fits_with_the_longest_answers_and_with_every_error_it_can_show(string fill)
    {
        var largest = RiskDrafts.Largest(fill);
        foreach (var section in ReferralForm.Sections)
        {
            // The most errors the longest answers can come with: every field that is not typed text wrong (a typed text
            // at its longest is valid), a message for the step, and so every closed risk marked.
            var everyError = section.FieldsFor(largest.RiskCount).Where(f => f.Kind is not (FieldKind.Text or FieldKind.Multiline))
                .Select(f => new FieldError(f.Id, $"{f.NounOrLabel} must be corrected"))
                .Append(new FieldError(F.Risks, "A referral needs at least one risk, so the last one cannot be removed. Change its answers instead.")).ToList();
            if (section.Id == ReferralForm.RisksSection)
            {
                foreach (var (risks, draft) in new[] { (1, WithOneRisk(largest)), (ReferralForm.MaxRisks, largest) })
                foreach (var open in new[] { 1, risks })
                {
                    AssertFits($"{section.Id}, {risks} risks, risk {open} open", ReferralViews.Step(CaseId, draft, section.Id, Drafts.Today, openRisk: open).ToJson());
                    AssertFits($"{section.Id}, {risks} risks, risk {open} open, every error",
                        ReferralViews.Step(CaseId, draft, section.Id, Drafts.Today, everyError, open).ToJson());
                }
            }
            else
            {
                AssertFits(section.Id, ReferralViews.Step(CaseId, largest, section.Id, Drafts.Today).ToJson());
                AssertFits($"{section.Id}, every error", ReferralViews.Step(CaseId, largest, section.Id, Drafts.Today, everyError, editing: true).ToJson());
            }
        }
    }

    public static TheoryData<string> NastyFills => ["w", "é", "\\", "\"", "<a", "😀"];

    [Theory]
    [MemberData(nameof(NastyFills))]
    public void Check_your_answers_and_every_step_page_fit_whatever_was_typed(string fill)
    {
        var largest = RiskDrafts.Largest(fill);
        var wrong = largest;
        for (var n = 1; n <= wrong.RiskCount; n++)
            foreach (var part in new[] { F.RiskPart.LikelihoodBefore, F.RiskPart.ImpactBefore, F.RiskPart.LikelihoodAfter, F.RiskPart.ImpactAfter })
                wrong = wrong.With(F.Risk(n, part), "9");
        // A card sent by hand can store answers longer than the form allows (up to the binder's cap), wrong; still shown in size.
        var overLong = largest;
        foreach (var field in ReferralForm.Sections.SelectMany(s => s.FieldsFor(largest.RiskCount)).Where(f => f.Kind is FieldKind.Text or FieldKind.Multiline or FieldKind.Number or FieldKind.Date))
            overLong = overLong.With(field.Id, string.Concat(Enumerable.Repeat(fill, ReferralFormBinder.HardCap / fill.Length)));
        foreach (var (name, draft) in new[] { ("longest", largest), ("1 risk", WithOneRisk(largest)), ("every score wrong", wrong), ("over-long", overLong) })
        {
            AssertFits($"check your answers, {name}", ReferralViews.Review(CaseId, draft, Drafts.Today).ToJson());
            foreach (var section in ReferralForm.Sections)
                AssertFits($"check your answers, {section.Id}, {name}", ReferralViews.ReviewStep(CaseId, draft, section.Id, Drafts.Today).ToJson());
        }
    }

    [Theory]
    [MemberData(nameof(NastyFills))]
    public void Every_case_details_page_fits_whatever_was_typed(string fill)
    {
        var largest = RiskDrafts.Largest(fill);
        var pages = ReferralViews.DetailsPages(largest);
        for (var i = 0; i < pages.Count; i++)
            AssertFits($"details page {i + 1}", CaseDetailsCard.Build(new DetailsPageView(CaseId, Reference, 99, i + 1, pages.Count, pages[i].Title, pages[i].Lines)).ToJson());
        AssertFits("details contents", CaseDetailsCard.Contents(CaseId, Reference, 99,
            [.. ReferralForm.Sections.Select((s, i) => new DetailsContentsEntry(s.Title, i + 1, 3))]).ToJson());
    }

    [Fact]
    public void Case_details_show_answers_of_the_longest_referral_whole_over_their_pages()
    {
        var largest = RiskDrafts.Largest();
        var pages = ReferralViews.DetailsPages(largest);
        string Whole(string label) => string.Concat(pages.SelectMany(p => p.Lines)
            .Where(l => l.Label == label || l.Label == label + " (continued)").Select(l => l.Value.TrimEnd('\u2026').TrimEnd()));
        Assert.Equal(new string('w', ReferralForm.SituationText), Whole("The situation of concern"));
        Assert.Equal(new string('w', ReferralForm.RiskText), Whole("Risk 10: what is working well"));
        Assert.All(pages, p => Assert.InRange(p.Lines.Sum(l => l.Value.Length), 1, ReferralViews.DetailsPageBudget));
    }

    [Fact]
    public void The_confirmation_and_my_referrals_fit_however_many_referrals_the_person_has()
    {
        AssertFits("confirmation", ConfirmationCard.Build(Reference, 99, coordinatorsTold: true).ToJson());
        AssertFits("confirmation, channel not set up", ConfirmationCard.Build(Reference, 99, coordinatorsTold: false).ToJson());
        AssertFits("discard?", MyReferralsCard.ConfirmDiscard(CaseId).ToJson());
        foreach (var count in new[] { 0, MyReferralsCard.MaxShown, 500 })
        {
            var items = Enumerable.Range(1, count).Select(i => i % 2 == 0
                ? new MyReferralItem(CaseId, null, "Draft", "30 Sept 2026", true, true) { DraftName = "Draft started 30 Sept 2026", StepReached = "Step 12 of 12: Your senior manager's agreement" }
                : new MyReferralItem(CaseId, Reference, "Returned for more information", "30 Sept 2026", false, true)).ToList();
            AssertFits($"my referrals, {count}", MyReferralsCard.Build(items).ToJson());
        }
    }
}
