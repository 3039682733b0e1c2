using TeamsSafeguarding.Escalation.Cases;
using Xunit;
using TeamsSafeguarding.Escalation.Referrals;
using F = TeamsSafeguarding.Escalation.Referrals.ReferralFields;
using static TeamsSafeguarding.Tests.Escalation.Referrals.Drafts;

namespace TeamsSafeguarding.Tests.Escalation.Referrals;

public class ReferralFormBinderTests
{
    private static ReferralDraft Apply(ReferralDraft draft, string section, params (string Key, string? Value)[] inputs) =>
        ReferralFormBinder.Apply(draft, section, inputs.ToDictionary(i => i.Key, i => i.Value));

    [Fact]
    public void Takes_the_sections_inputs_trimmed()
    {
        var draft = Apply(Empty(), ReferralForm.PersonSection, (F.PersonName, "  Alex Example \r\n"), (F.PersonDateOfBirth, "1960-05-01"));
        Assert.Equal("Alex Example", draft.Get(F.PersonName));
        Assert.Equal("1960-05-01", draft.Get(F.PersonDateOfBirth));
    }

    [Fact]
    public void Ignores_keys_from_other_sections_and_card_action_data()
    {
        var draft = Apply(Empty(), ReferralForm.NeedsSection,
            (F.PersonName, "Smuggled in"), ("action", "next"), ("verb", "referral.save"), (F.NeedsDescription, "Needs"));
        Assert.Null(draft.Get(F.PersonName));
        Assert.Null(draft.Get("action"));
        Assert.Equal(["needs.description"], draft.Answers.Keys);
    }

    [Fact]
    public void A_missing_key_keeps_the_answer_and_an_empty_value_clears_it()
    {
        var draft = Complete();
        var kept = Apply(draft, ReferralForm.PersonSection, (F.PersonAddress, "2 New Road"));
        Assert.Equal("Alex Example", kept.Get(F.PersonName));
        Assert.Equal("2 New Road", kept.Get(F.PersonAddress));

        var cleared = Apply(draft, ReferralForm.PersonSection, (F.PersonName, "   "), (F.PersonNhsNumber, null));
        Assert.Null(cleared.Get(F.PersonName));
        Assert.Null(cleared.Get(F.PersonNhsNumber));
        Assert.False(cleared.Answers.ContainsKey(F.PersonName));
    }

    [Fact]
    public void Garbage_is_kept_to_be_reported_not_thrown()
    {
        var likelihood = F.Risk(1, F.RiskPart.LikelihoodBefore);
        var draft = Apply(Apply(Empty(), ReferralForm.RisksSection, (likelihood, "abc")), ReferralForm.MultiAgencySection, (F.LatestMeetingOn, "32/13/2026"));
        Assert.Equal("abc", draft.Get(likelihood));
        var errors = ReferralValidation.Validate(draft, ReferralForm.RisksSection, Today)
            .Concat(ReferralValidation.Validate(draft, ReferralForm.MultiAgencySection, Today)).ToList();
        Assert.Contains(errors, e => e.Field == likelihood && e.Message == "Likelihood must be a whole number from 1 to 5");
        Assert.Contains(errors, e => e.Field == F.LatestMeetingOn && e.Message == "Enter a real date");
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("nope")]
    [InlineData(ReferralForm.ReviewStep)]
    public void An_unknown_section_or_the_review_step_changes_nothing(string? section)
    {
        var draft = Complete();
        Assert.Same(draft, ReferralFormBinder.Apply(draft, section, new Dictionary<string, string?> { [F.PersonName] = "X" }));
    }

    [Fact]
    public void Null_inputs_change_nothing()
    {
        var draft = Complete();
        Assert.Same(draft, ReferralFormBinder.Apply(draft, ReferralForm.PersonSection, null));
    }

    [Fact]
    public void Control_characters_are_dropped_and_line_breaks_kept()
    {
        var draft = Apply(Empty(), ReferralForm.NeedsSection, (F.NeedsDescription, "line one\r\nline\0 two\u0007"));
        Assert.Equal("line one\nline two", draft.Get(F.NeedsDescription));
    }

    [Fact]
    public void A_huge_value_is_capped_but_still_too_long_for_the_field()
    {
        var draft = Apply(Empty(), ReferralForm.NeedsSection, (F.NeedsDescription, new string('x', 1_000_000)));
        Assert.Equal(ReferralFormBinder.HardCap, draft.Get(F.NeedsDescription)!.Length);
        Assert.Equal(["Keep this to 2,000 characters or fewer"], ErrorsFor(draft, ReferralForm.NeedsSection, F.NeedsDescription));
    }

    [Fact]
    public void Capping_never_leaves_half_a_surrogate_pair()
    {
        var value = new string('x', ReferralFormBinder.HardCap - 1) + "😀";
        var kept = ReferralFormBinder.Clean(value)!;
        Assert.False(char.IsHighSurrogate(kept[^1]));
    }

    [Fact]
    public void Multi_select_values_are_normalised()
    {
        var draft = Apply(Empty(), ReferralForm.NeedsSection, (F.NeedsOutcomes, " Nutrition, ,ToiletNeeds,nutrition,"));
        Assert.Equal("Nutrition,ToiletNeeds", draft.Get(F.NeedsOutcomes));
    }

    [Fact]
    public void Fields_of_risks_not_yet_added_are_ignored()
    {
        var id = F.Risk(2, F.RiskPart.Worries);
        Assert.Null(Apply(Empty(), ReferralForm.RisksSection, (id, "Hidden")).Get(id));
        Assert.Equal("Shown", Apply(Empty().WithRiskAdded(), ReferralForm.RisksSection, (id, "Shown")).Get(id));
    }

    [Fact]
    public void Risks_can_be_added_up_to_the_limit()
    {
        var draft = Empty();
        for (var i = 0; i < 10; i++) draft = draft.WithRiskAdded();
        Assert.Equal(ReferralForm.MaxRisks, draft.RiskCount);
    }

    [Fact]
    public void Removing_a_risk_moves_later_risks_up()
    {
        var draft = Empty().WithRiskAdded().WithRiskAdded()
            .With((F.Risk(1, F.RiskPart.Worries), "first"), (F.Risk(2, F.RiskPart.Worries), "second"),
                (F.Risk(3, F.RiskPart.Worries), "third"), (F.Risk(3, F.RiskPart.ImpactAfter), "4"));
        var removed = draft.WithRiskRemoved(2);
        Assert.Equal(2, removed.RiskCount);
        Assert.Equal("first", removed.Get(F.Risk(1, F.RiskPart.Worries)));
        Assert.Equal("third", removed.Get(F.Risk(2, F.RiskPart.Worries)));
        Assert.Equal("4", removed.Get(F.Risk(2, F.RiskPart.ImpactAfter)));
        Assert.Null(removed.Get(F.Risk(3, F.RiskPart.Worries)));
        Assert.Null(removed.Get(F.Risk(3, F.RiskPart.ImpactAfter)));
    }

    [Theory]
    [InlineData(0)]
    [InlineData(2)]
    [InlineData(-5)]
    public void Removing_a_risk_that_does_not_exist_changes_nothing(int number)
    {
        var draft = Complete();
        Assert.Same(draft, draft.WithRiskRemoved(number));
    }

    [Fact]
    public void The_referrer_is_prefilled_from_their_identity()
    {
        var draft = ReferralDraft.Start(RouteOk, new ReferrerPrefill("Sam Worker", "sam@example.org", Agency: "Adult Social Care"));
        Assert.Equal("Sam Worker", draft.Get(F.ReferrerName));
        Assert.Equal("sam@example.org", draft.Get(F.ReferrerEmail));
        Assert.Equal("Adult Social Care", draft.Get(F.ReferrerAgency));
        Assert.Null(draft.Get(F.ReferrerRole));
        Assert.Equal(1, draft.RiskCount);
    }

    [Fact]
    public void Every_field_of_every_section_binds_and_a_complete_card_round_trip_validates()
    {
        // Feed the complete draft's answers back through the binder, section by section, as cards would.
        var source = Complete();
        var rebuilt = Empty();
        foreach (var section in ReferralForm.Sections)
            rebuilt = ReferralFormBinder.Apply(rebuilt, section.Id,
                section.FieldsFor(rebuilt.RiskCount).ToDictionary(f => f.Id, f => source.Get(f.Id)));
        Assert.Equal(source.Answers.OrderBy(a => a.Key), rebuilt.Answers.OrderBy(a => a.Key));
        Assert.Empty(ReferralValidation.ValidateForSubmit(rebuilt, Today));
    }
}
