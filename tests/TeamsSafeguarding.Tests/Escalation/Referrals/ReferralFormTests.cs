using Xunit;
using TeamsSafeguarding.Escalation.Referrals;
using F = TeamsSafeguarding.Escalation.Referrals.ReferralFields;

namespace TeamsSafeguarding.Tests.Escalation.Referrals;

public class ReferralFormTests
{
    [Fact]
    public void Six_numbered_sections_then_review()
    {
        Assert.Equal(6, ReferralForm.Sections.Count);
        Assert.Equal([1, 2, 3, 4, 5, 6], ReferralForm.Sections.Select(s => s.Number!.Value));
        Assert.Equal(ReferralForm.ReviewStep, ReferralForm.Steps[^1].Id);
        Assert.Null(ReferralForm.Review.Number);
    }

    [Theory]
    [InlineData(ReferralForm.PersonSection, "Section 1 of 6")]
    [InlineData(ReferralForm.NeedsSection, "Section 2 of 6")]
    [InlineData(ReferralForm.SharingSection, "Section 6 of 6")]
    [InlineData(ReferralForm.ReviewStep, "Check your answers")]
    public void Progress_reads_section_n_of_6(string step, string expected) =>
        Assert.Equal(expected, ReferralForm.Progress(step));

    [Fact]
    public void Next_and_previous_walk_the_steps_in_order()
    {
        Assert.Equal(ReferralForm.NeedsSection, ReferralForm.Next(ReferralForm.PersonSection)!.Id);
        Assert.Equal(ReferralForm.ReviewStep, ReferralForm.Next(ReferralForm.SharingSection)!.Id);
        Assert.Null(ReferralForm.Next(ReferralForm.ReviewStep));
        Assert.Null(ReferralForm.Previous(ReferralForm.PersonSection));
        Assert.Equal(ReferralForm.SharingSection, ReferralForm.Previous(ReferralForm.ReviewStep)!.Id);
        Assert.Null(ReferralForm.Next("unknown"));
    }

    [Fact]
    public void Field_ids_are_unique_across_the_form()
    {
        var ids = ReferralForm.Sections.SelectMany(s => s.Fields).Select(f => f.Id).ToArray();
        Assert.Equal(ids.Length, ids.Distinct().Count());
    }

    [Fact]
    public void Every_required_field_has_a_friendly_missing_message() =>
        Assert.All(ReferralForm.Sections.SelectMany(s => s.Fields).Where(f => f.Required),
            f => Assert.False(string.IsNullOrWhiteSpace(f.MissingMessage), f.Id));

    [Fact]
    public void Text_fields_are_bounded_and_choice_fields_have_choices()
    {
        var fields = ReferralForm.Sections.SelectMany(s => s.Fields).ToArray();
        Assert.All(fields.Where(f => f.Kind is FieldKind.Text or FieldKind.Multiline), f => Assert.NotNull(f.MaxLength));
        Assert.All(fields.Where(f => f.Kind is FieldKind.Choice or FieldKind.MultiChoice), f => Assert.NotEmpty(f.Choices));
    }

    [Fact]
    public void Outcomes_and_harms_offer_the_ten_each_with_display_names()
    {
        var outcomes = ReferralForm.FindField(F.NeedsOutcomes)!;
        var harm = ReferralForm.FindField(F.NeedsMostSignificantHarm)!;
        Assert.Equal(10, outcomes.Choices.Count);
        Assert.Equal(10, harm.Choices.Count);
        Assert.Equal("Managing toilet needs", outcomes.ChoiceTitle("ToiletNeeds"));
        Assert.Equal("Modern slavery and human trafficking", harm.ChoiceTitle("ModernSlaveryAndHumanTrafficking"));
        Assert.All(outcomes.Choices.Concat(harm.Choices), c => Assert.NotEqual(c.Value, c.Title));
    }

    [Fact]
    public void Only_added_risks_are_shown()
    {
        var section = ReferralForm.Find(ReferralForm.MultiAgencySection)!;
        var perRisk = F.RiskPart.All.Count;
        var withOne = section.FieldsFor(1);
        var withThree = section.FieldsFor(3);
        Assert.Equal(perRisk * 2, withThree.Count - withOne.Count);
        Assert.DoesNotContain(withOne, f => f.RiskNumber > 1);
        Assert.Equal(perRisk * ReferralForm.MaxRisks, section.Fields.Count(f => f.RiskNumber is not null));
    }

    [Fact]
    public void Scores_are_numbers_from_1_to_5_with_the_scale_explained()
    {
        var likelihood = ReferralForm.FindField(F.Risk(1, F.RiskPart.LikelihoodBefore))!;
        Assert.Equal(FieldKind.Number, likelihood.Kind);
        Assert.Equal((1, 5), (likelihood.Min, likelihood.Max));
        Assert.Contains("5 almost certain", likelihood.HelpText);
        Assert.Contains("5 catastrophic", ReferralForm.FindField(F.Risk(1, F.RiskPart.ImpactAfter))!.HelpText);
    }
}
