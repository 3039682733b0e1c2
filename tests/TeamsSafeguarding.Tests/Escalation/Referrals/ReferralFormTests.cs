using Xunit;
using TeamsSafeguarding.Escalation.Referrals;
using F = TeamsSafeguarding.Escalation.Referrals.ReferralFields;

namespace TeamsSafeguarding.Tests.Escalation.Referrals;

public class ReferralFormTests
{
    [Fact]
    public void Twelve_numbered_steps_then_review()
    {
        Assert.Equal(12, ReferralForm.Sections.Count);
        Assert.Equal(Enumerable.Range(1, 12), ReferralForm.Sections.Select(s => s.Number!.Value));
        Assert.Equal(ReferralForm.ReviewStep, ReferralForm.Steps[^1].Id);
        Assert.Null(ReferralForm.Review.Number);
    }

    [Theory]
    [InlineData(ReferralForm.PersonSection, "Step 1 of 12")]
    [InlineData(ReferralForm.NeedsSection, "Step 3 of 12")]
    [InlineData(ReferralForm.SignOffSection, "Step 12 of 12")]
    [InlineData(ReferralForm.ReviewStep, "Check your answers")]
    public void Progress_reads_step_n_of_12(string step, string expected) =>
        Assert.Equal(expected, ReferralForm.Progress(step));

    [Fact]
    public void No_intro_or_label_uses_a_second_numbering_scheme() =>
        Assert.All(ReferralForm.Sections, s => Assert.DoesNotMatch(@"\bSection \d", $"{s.Title} {s.Intro} {string.Join(" ", s.Fields.Select(f => f.Label))}"));

    [Fact]
    public void Next_and_previous_walk_the_steps_in_order()
    {
        Assert.Equal(ReferralForm.ReferrerSection, ReferralForm.Next(ReferralForm.PersonSection)!.Id);
        Assert.Equal(ReferralForm.ReviewStep, ReferralForm.Next(ReferralForm.SignOffSection)!.Id);
        Assert.Null(ReferralForm.Next(ReferralForm.ReviewStep));
        Assert.Null(ReferralForm.Previous(ReferralForm.PersonSection));
        Assert.Equal(ReferralForm.SignOffSection, ReferralForm.Previous(ReferralForm.ReviewStep)!.Id);
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
        var section = ReferralForm.Find(ReferralForm.RisksSection)!;
        var perRisk = F.RiskPart.All.Count;
        var withOne = section.FieldsFor(1);
        var withThree = section.FieldsFor(3);
        Assert.Equal(perRisk * 2, withThree.Count - withOne.Count);
        Assert.DoesNotContain(withOne, f => f.RiskNumber > 1);
        Assert.Equal(perRisk * ReferralForm.MaxRisks, section.Fields.Count(f => f.RiskNumber is not null));
    }

    [Fact]
    public void Scores_are_numbers_from_1_to_5_chosen_with_the_scale_in_words()
    {
        var likelihood = ReferralForm.FindField(F.Risk(1, F.RiskPart.LikelihoodBefore))!;
        Assert.Equal(FieldKind.Number, likelihood.Kind);
        Assert.Equal((1, 5), (likelihood.Min, likelihood.Max));
        Assert.Equal("5 almost certain", likelihood.ChoiceTitle("5"));
        Assert.Equal("5 catastrophic", ReferralForm.FindField(F.Risk(1, F.RiskPart.ImpactAfter))!.ChoiceTitle("5"));
    }

    [Fact]
    public void The_ten_outcomes_are_asked_once()
    {
        var tenOutcomes = ReferralForm.Sections.SelectMany(s => s.Fields)
            .Where(f => f.Choices.Select(c => c.Value).Order().SequenceEqual(Enum.GetNames<Outcome>().Order())).ToList();
        Assert.Equal(F.NeedsOutcomes, Assert.Single(tenOutcomes).Id);
    }

    [Fact]
    public void The_form_asks_what_the_procedure_needs()
    {
        var ids = ReferralForm.Sections.SelectMany(s => s.Fields).Select(f => f.Id).ToHashSet();
        Assert.Superset(new HashSet<string>
        {
            F.PersonsViews, F.Advocate, F.LeadProfessional, F.HarmDescription, F.CriteriaSignificantHarm, F.CriteriaWellKnown,
            F.CriteriaNoPlan, F.CriteriaPartnerBelieves, F.ManagerTriedEverything, F.NoMultiAgencyWorkReason,
        }, ids);
        Assert.All(new[] { F.CriteriaSignificantHarm, F.CriteriaWellKnown, F.CriteriaNoPlan, F.CriteriaPartnerBelieves, F.ManagerTriedEverything },
            id => Assert.Equal((FieldKind.Toggle, true), (ReferralForm.FindField(id)!.Kind, ReferralForm.FindField(id)!.Required)));
    }
}
