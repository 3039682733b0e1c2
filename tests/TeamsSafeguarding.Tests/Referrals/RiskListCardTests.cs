using System.Text;
using System.Text.Json.Nodes;
using TeamsSafeguarding.Cards.Referrals;
using TeamsSafeguarding.Escalation.Cases;
using TeamsSafeguarding.Escalation.Referrals;
using TeamsSafeguarding.Referrals;
using TeamsSafeguarding.Tests.Cards;
using TeamsSafeguarding.Tests.Escalation.Referrals;
using Xunit;
using Drafts = TeamsSafeguarding.Tests.Escalation.Referrals.Drafts;
using F = TeamsSafeguarding.Escalation.Referrals.ReferralFields;

namespace TeamsSafeguarding.Tests.Referrals;

/// <summary>The risks step: one risk open, the others as rows that open them, add and remove as rows, and its size.</summary>
public class RiskListCardTests
{
    private const string CaseId = "0123456789abcdef0123456789abcdef";

    /// <summary>The strictest message size in the protocol doc (older and messaging-extension cards).</summary>
    private const int StrictCardBytes = 28 * 1024;

    private static JsonObject RisksCard(ReferralDraft draft, int? open = null, IReadOnlyList<FieldError>? errors = null) =>
        ReferralViews.Step(CaseId, draft, ReferralForm.RisksSection, Drafts.Today, errors, open).ToJson();

    private static IEnumerable<JsonObject> Walk(JsonNode? node) => node switch
    {
        JsonObject o => new[] { o }.Concat(o.SelectMany(p => Walk(p.Value))),
        JsonArray a => a.SelectMany(Walk),
        _ => [],
    };

    private static IReadOnlyList<string> InputIds(JsonObject card) =>
        [.. Walk(card["body"]).Where(e => ((string?)e["type"])?.StartsWith("Input.") == true).Select(e => (string)e["id"]!)];

    private static IReadOnlyList<JsonObject> Buttons(JsonObject card, string verb) =>
        [.. Walk(card).Where(e => (string?)e["type"] == "Action.Execute" && (string?)e["verb"] == verb)];

    [Fact]
    public void Only_the_open_risk_has_inputs_and_the_others_are_rows_that_open_them()
    {
        var card = RisksCard(RiskDrafts.Three(), open: 2);
        var ids = InputIds(card);

        Assert.Contains(F.Risk(2, F.RiskPart.Worries), ids);
        Assert.Equal(F.RiskPart.All.Count, ids.Count);
        var text = card.ToJsonString();
        Assert.Contains("Fire risk from hoarding (after mitigation", text);
        Assert.Contains("Financial exploitation by a neighbour", text);
        // Each closed risk is one row whose selectAction opens it: no button per row.
        var rows = Walk(card["body"]).Where(e => e["selectAction"] is JsonObject a && (string?)a["verb"] == ReferralVerbs.OpenRisk).ToList();
        Assert.Equal([1, 3], rows.Select(r => (int)r["selectAction"]!["data"]![ReferralVerbs.RiskKey]!));
        Assert.DoesNotContain(Walk(card["body"]), e => (string?)e["type"] == "ActionSet");
        // The scores are chosen from a list of 1-5 with their words.
        var score = Walk(card["body"]).Single(e => (string?)e["id"] == F.Risk(2, F.RiskPart.ImpactAfter));
        Assert.Equal(("Input.ChoiceSet", "compact"), ((string)score["type"]!, (string)score["style"]!));
        Assert.Equal("5 catastrophic", (string)score["choices"]![4]!["title"]!);
        CardSchema.AssertValid(card);
    }

    [Fact]
    public void Risk_buttons_send_the_typed_inputs_and_name_the_case_step_and_risk()
    {
        var card = RisksCard(RiskDrafts.Three(), open: 2);
        var remove = Assert.Single(Buttons(card, ReferralVerbs.RemoveRisk));
        var add = Assert.Single(Buttons(card, ReferralVerbs.AddRisk));
        foreach (var button in Buttons(card, ReferralVerbs.OpenRisk).Append(remove).Append(add))
        {
            Assert.Equal("auto", (string)button["associatedInputs"]!, ignoreCase: true);
            Assert.Equal(CaseId, (string)button["data"]![ReferralVerbs.CaseIdKey]!);
            Assert.Equal(ReferralForm.RisksSection, (string)button["data"]![ReferralVerbs.StepKey]!);
        }
        Assert.Equal(2, (int)remove["data"]![ReferralVerbs.RiskKey]!);
        // Next keeps the open risk, so a card shown again with errors opens the same one.
        Assert.Equal(2, (int)Buttons(card, ReferralVerbs.Next).Single()["data"]![ReferralVerbs.RiskKey]!);
    }

    [Fact]
    public void One_risk_cannot_be_removed_and_the_most_risks_cannot_be_added_to()
    {
        var one = RisksCard(Drafts.Complete());
        Assert.Empty(Buttons(one, ReferralVerbs.RemoveRisk));
        Assert.Single(Buttons(one, ReferralVerbs.AddRisk));

        var full = RisksCard(RiskDrafts.Largest());
        Assert.Empty(Buttons(full, ReferralVerbs.AddRisk));
        Assert.Single(Buttons(full, ReferralVerbs.RemoveRisk));
        Assert.Contains($"the most risks it can hold ({ReferralForm.MaxRisks})", full.ToJsonString());
        CardSchema.AssertValid(full);
    }

    [Fact]
    public void Errors_on_a_closed_risk_open_it_with_each_error_under_its_own_field()
    {
        var draft = RiskDrafts.Three().With((F.Risk(3, F.RiskPart.ImpactAfter), "7"), (F.Risk(2, F.RiskPart.ActionsTaken), null));
        var errors = ReferralValidation.Validate(draft, ReferralForm.RisksSection, Drafts.Today);
        Assert.Equal(2, ReferralViews.RiskToOpen(requested: 1, errors, draft.RiskCount));
        Assert.Equal(3, ReferralViews.RiskToOpen(requested: 3, errors, draft.RiskCount));

        var card = RisksCard(draft, open: 3, errors);
        var body = Walk(card["body"]).ToList();
        var impact = body.FindIndex(e => (string?)e["id"] == F.Risk(3, F.RiskPart.ImpactAfter));
        var error = body.Skip(impact + 1).First(e => (string?)e["type"] == "Container" && (string?)e["style"] == "attention");
        Assert.Equal("Impact must be a whole number from 1 to 5", (string)error["items"]![0]!["text"]!);
        // A score that is not one of the choices is shown back as typed, to be corrected.
        Assert.Equal("7", (string)body[impact]["value"]!);
        // Risk 2 is closed: its error is on its row, not lost.
        var row = Walk(card["body"]).Single(e => e["selectAction"] is JsonObject a && (string?)a["verb"] == ReferralVerbs.OpenRisk && (int?)a["data"]?[ReferralVerbs.RiskKey] == 2);
        Assert.Contains("**Needs correcting** \u00B7 Falls on the stairs", CardJsonQuery.AllText(row));
        Assert.DoesNotContain(F.Risk(2, F.RiskPart.ActionsTaken), InputIds(card));
        Assert.Contains("Please correct the 2 answers marked below.", card.ToJsonString());
        CardSchema.AssertValid(card);
    }

    [Fact]
    public void The_review_shows_every_risk_and_the_case_details_each_risk_on_its_own_page()
    {
        var draft = RiskDrafts.Three();
        string[] worries = ["Fire risk from hoarding", "Falls on the stairs at night", "Financial exploitation by a neighbour"];
        var review = ReferralViews.ReviewStep(CaseId, draft, ReferralForm.RisksSection, Drafts.Today).ToJson();
        // The review shows the start of each risk (Edit shows it whole).
        foreach (var worry in worries) Assert.Contains(worry[..20], review.ToJsonString());
        // Each risk reads as one line on the review, its four scores with it.
        Assert.Contains("Risk 3: 5 \u00D7 5 before mitigation, 2 \u00D7 2 after", CardJsonQuery.AllText(review));
        CardSchema.AssertValid(review);

        var pages = ReferralViews.DetailsPages(draft).Where(p => p.SectionId == ReferralForm.RisksSection).ToList();
        Assert.Equal(["Risk 1 of 3", "Risk 2 of 3", "Risk 3 of 3"], pages.Select(p => p.Title));
        for (var n = 1; n <= 3; n++)
        {
            var text = string.Join("\n", pages[n - 1].Lines.Select(l => $"{l.Label}: {l.Value}"));
            Assert.Contains(worries[n - 1], text);
            Assert.All(worries.Where((_, i) => i != n - 1), other => Assert.DoesNotContain(other, text));
            Assert.Contains($"Risk {n}: impact after mitigation (1-5)", text);
        }
    }

    [Fact]
    public void The_risks_card_with_the_most_risks_and_the_longest_answers_fits_the_strictest_teams_limit()
    {
        var draft = RiskDrafts.Largest();
        Assert.Empty(ReferralValidation.ValidateForSubmit(draft, Drafts.Today)); // the longest answers the form accepts
        foreach (var open in new[] { 1, ReferralForm.MaxRisks })
        {
            var card = RisksCard(draft, open);
            Assert.InRange(Encoding.UTF8.GetByteCount(card.ToJsonString()), 1, StrictCardBytes);
        }
    }

    [Fact]
    public void Typed_text_in_a_risk_summary_cannot_format_or_link()
    {
        var draft = RiskDrafts.Three().With((F.Risk(3, F.RiskPart.Worries), "**bold** [click](https://evil.example)\n# heading"));
        var json = RisksCard(draft, open: 1).ToJsonString();
        Assert.DoesNotContain("**bold**", json);
        Assert.DoesNotContain("](https://evil", json);
        Assert.Contains(@"Risk 3 \u203A", json);
    }
}
