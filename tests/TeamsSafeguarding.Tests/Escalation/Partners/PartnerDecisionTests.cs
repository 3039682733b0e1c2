using TeamsSafeguarding.Escalation.Cases;
using TeamsSafeguarding.Escalation.Partners;
using Xunit;
using static TeamsSafeguarding.Tests.Escalation.Partners.Ballot;

namespace TeamsSafeguarding.Tests.Escalation.Partners;

public class PartnerDecisionTests
{
    private const PartnerChoice Meet = PartnerChoice.MeetingRequired;
    private const PartnerChoice NoMeet = PartnerChoice.NoMeeting;

    [Fact]
    public void Two_of_three_agreeing_decides_early_at_the_moment_of_the_second_view()
    {
        var one = Give(DecisionRule.Default, View(La, NoMeet, day: 1));
        Assert.Equal(DecisionStatus.Undecided, PartnerDecision.Evaluate(one, Sent.AddDays(1), DecisionDue).Status);

        var two = Give(one, View(Police, NoMeet, day: 3));
        var state = PartnerDecision.Evaluate(two, Sent.AddDays(3), DecisionDue);

        Assert.Equal(DecisionStatus.Decided, state.Status);
        Assert.Equal(NoMeet, state.Outcome);
        Assert.Equal(DecisionMethod.EarlyMajority, state.Method);
        Assert.Equal(Sent.AddDays(3), state.DecidedAt);
        Assert.Equal([Icb], state.Tally.WithoutView.Select(a => a.Id));
        Assert.Equal(CaseStage.NoMeeting, PartnerChoiceWords.NextStage(state.Outcome!.Value));
    }

    [Fact]
    public void Split_one_each_with_one_missing_is_undecided_until_the_deadline_then_awaits_the_chair()
    {
        var ledger = Give(DecisionRule.Default, View(La, Meet, day: 1), View(Police, NoMeet, day: 2));

        var before = PartnerDecision.Evaluate(ledger, DecisionDue, DecisionDue);
        var after = PartnerDecision.Evaluate(ledger, AfterDeadline, DecisionDue);

        Assert.Equal(DecisionStatus.Undecided, before.Status);
        Assert.Equal(DecisionStatus.AwaitingCastingDecision, after.Status);
        Assert.Null(after.Outcome);
        Assert.Equal((1, 1, 2), (after.Tally.MeetingRequired, after.Tally.NoMeeting, after.Tally.Threshold));
        Assert.Equal([Icb], after.Tally.WithoutView.Select(a => a.Id));
    }

    [Fact]
    public void Four_agencies_split_two_two_has_no_majority_and_goes_to_the_chair()
    {
        var rule = Agencies(4);
        var ledger = Give(rule,
            View("a1", Meet, 1), View("a2", Meet, 2), View("a3", NoMeet, 3), View("a4", NoMeet, 4));

        Assert.Equal(3, rule.Threshold);
        Assert.Equal(DecisionStatus.Undecided, PartnerDecision.Evaluate(ledger, Sent.AddDays(5), DecisionDue).Status);
        Assert.Equal(DecisionStatus.AwaitingCastingDecision, PartnerDecision.Evaluate(ledger, AfterDeadline, DecisionDue).Status);
    }

    [Fact]
    public void No_views_at_all_at_the_deadline_goes_to_the_chair()
    {
        var state = PartnerDecision.Evaluate(PartnerViews.Start(DecisionRule.Default), AfterDeadline, DecisionDue);

        Assert.Equal(DecisionStatus.AwaitingCastingDecision, state.Status);
        Assert.Equal(3, state.Tally.WithoutView.Count);
        Assert.Equal((0, 0), (state.Tally.MeetingRequired, state.Tally.NoMeeting));
    }

    [Theory]
    [InlineData(1, 1)]
    [InlineData(2, 2)]
    [InlineData(3, 2)]
    [InlineData(4, 3)]
    [InlineData(5, 3)]
    [InlineData(6, 4)]
    public void Threshold_is_an_absolute_majority_of_the_electorate(int agencies, int threshold) =>
        Assert.Equal(threshold, Agencies(agencies).Threshold);

    [Fact]
    public void Five_agencies_need_three_to_agree()
    {
        var two = Give(Agencies(5), View("a1", Meet, 1), View("a2", Meet, 2), View("a3", NoMeet, 2), View("a4", NoMeet, 3));
        Assert.Equal(DecisionStatus.Undecided, PartnerDecision.Evaluate(two, Sent.AddDays(3), DecisionDue).Status);

        var three = Give(two, View("a5", Meet, 4));
        var state = PartnerDecision.Evaluate(three, Sent.AddDays(4), DecisionDue);

        Assert.Equal((DecisionStatus.Decided, Meet, DecisionMethod.EarlyMajority), (state.Status, state.Outcome, state.Method));
    }

    [Fact]
    public void Agencies_count_once_however_many_members_answer()
    {
        // Two police reps agreeing is still one agency's view: no majority.
        var ledger = Give(DecisionRule.Default,
            View(Police, Meet, 1, member: "police-a"), View(Police, Meet, 2, member: "police-b"));

        var state = PartnerDecision.Evaluate(ledger, Sent.AddDays(2), DecisionDue);

        Assert.Equal(DecisionStatus.Undecided, state.Status);
        Assert.Equal(1, state.Tally.MeetingRequired);
        Assert.Equal(2, ledger.ViewsRecorded);
    }

    [Fact]
    public void A_changed_view_before_the_decision_replaces_the_agency_view()
    {
        var ledger = Give(DecisionRule.Default,
            View(La, Meet, 1), View(Police, NoMeet, 2), View(La, NoMeet, 3, member: "la-manager"));

        var state = PartnerDecision.Evaluate(ledger, Sent.AddDays(3), DecisionDue);

        Assert.Equal((NoMeet, DecisionMethod.EarlyMajority, Sent.AddDays(3)), (state.Outcome, state.Method, state.DecidedAt));
        Assert.Equal(3, ledger.ViewsRecorded);
        Assert.Equal("la-manager", ledger.Current[La].MemberId);
    }

    [Fact]
    public void Once_decided_the_decision_is_final_and_a_change_is_refused()
    {
        var ledger = Give(DecisionRule.Default, View(La, NoMeet, 1), View(Police, NoMeet, 2));

        var change = PartnerDecision.GiveView(ledger, View(Police, Meet, 3), DecisionDue);

        Assert.Equal(ViewGivenKind.Refused, change.Kind);
        Assert.Same(ledger, change.Ledger);
        Assert.Equal(NoMeet, PartnerDecision.Evaluate(ledger, Sent.AddDays(3), DecisionDue).Outcome);
    }

    [Fact]
    public void A_view_changed_after_a_deadline_without_a_majority_leaves_the_decision_with_the_chair()
    {
        var ledger = Give(DecisionRule.Default, View(La, Meet, 1), View(Police, NoMeet, 2));
        ledger = Give(ledger, View(Police, Meet, 19)); // a change of mind after the deadline makes two agree

        var state = PartnerDecision.Evaluate(ledger, Sent.AddDays(20), DecisionDue);

        Assert.Equal(DecisionStatus.AwaitingCastingDecision, state.Status);
        Assert.Equal(2, state.Tally.MeetingRequired); // the card still shows where the agencies now stand
    }

    [Fact]
    public void With_early_decision_off_the_majority_decides_only_at_the_deadline()
    {
        var rule = DecisionRule.Default with { EarlyDecision = false };
        var ledger = Give(rule, View(La, Meet, 1), View(Police, Meet, 2));

        Assert.Equal(DecisionStatus.Undecided, PartnerDecision.Evaluate(ledger, Sent.AddDays(3), DecisionDue).Status);

        // Still open, so a view can change until the deadline.
        ledger = Give(ledger, View(Police, NoMeet, 4), View(Icb, NoMeet, 5));
        var state = PartnerDecision.Evaluate(ledger, AfterDeadline, DecisionDue);

        Assert.Equal(DecisionStatus.Decided, state.Status);
        Assert.Equal(NoMeet, state.Outcome);
        Assert.Equal(DecisionMethod.MajorityAtDeadline, state.Method);
        Assert.Equal(DecisionDue, state.DecidedAt);
    }

    [Fact]
    public void With_early_decision_off_views_given_after_the_deadline_do_not_count()
    {
        var rule = DecisionRule.Default with { EarlyDecision = false };
        var ledger = Give(rule, View(La, Meet, 1));
        ledger = Give(ledger, View(Police, Meet, 19)); // after the deadline, before anyone has decided

        var state = PartnerDecision.Evaluate(ledger, Sent.AddDays(20), DecisionDue);

        Assert.Equal(DecisionStatus.AwaitingCastingDecision, state.Status);
    }

    [Fact]
    public void A_majority_formed_after_the_deadline_leaves_the_decision_with_the_chair()
    {
        var ledger = Give(DecisionRule.Default, View(La, Meet, 1));
        ledger = Give(ledger, View(Police, Meet, 19));

        var state = PartnerDecision.Evaluate(ledger, Sent.AddDays(19), DecisionDue);

        Assert.Equal(DecisionStatus.AwaitingCastingDecision, state.Status);
        Assert.Equal(2, state.Tally.MeetingRequired);
    }

    [Fact]
    public void Reminders_list_agencies_without_a_view_until_the_decision()
    {
        var ledger = Give(DecisionRule.Default, View(Police, Meet, 1));

        Assert.Equal([La, Icb], PartnerReminders.AgenciesToRemind(ledger, Sent.AddDays(2), DecisionDue).Select(a => a.Id));

        ledger = Give(ledger, View(Icb, Meet, 3));
        Assert.Empty(PartnerReminders.AgenciesToRemind(ledger, Sent.AddDays(3), DecisionDue));
        Assert.Equal([La], ledger.AgenciesWithoutView().Select(a => a.Id));
    }
}
