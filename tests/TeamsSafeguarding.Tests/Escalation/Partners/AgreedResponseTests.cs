using TeamsSafeguarding.Escalation.Cases;
using TeamsSafeguarding.Escalation.Partners;
using Xunit;
using static TeamsSafeguarding.Tests.Escalation.Partners.Ballot;

namespace TeamsSafeguarding.Tests.Escalation.Partners;

public class AgreedResponseTests
{
    private static readonly DateOnly Today = new(2026, 4, 8);

    private static PartnerDecisionState Decided(PartnerChoice choice) =>
        PartnerDecision.Evaluate(Give(DecisionRule.Default, View(La, choice, 1), View(Police, choice, 2)), Sent.AddDays(2), DecisionDue);

    private static AgreedResponse Response(params FurtherAction[] actions) =>
        new("Single-agency work can hold the risk", actions, "dbm-1", Sent.AddDays(6));

    [Fact]
    public void A_complete_response_with_actions_due_today_or_later_is_valid()
    {
        var errors = AgreedResponse.Validate(
            Response(new("Review care package", "Adult social care team manager", Today),
                     new("GP review", "NHS ICB lead", Today.AddDays(14))),
            Decided(PartnerChoice.NoMeeting), Today);

        Assert.Empty(errors);
    }

    [Fact]
    public void A_response_without_actions_only_needs_the_rationale()
    {
        Assert.Empty(AgreedResponse.Validate(Response(), Decided(PartnerChoice.NoMeeting), Today));

        var blank = Response() with { Rationale = " " };
        Assert.Equal(AgreedResponse.RationaleField,
            Assert.Single(AgreedResponse.Validate(blank, Decided(PartnerChoice.NoMeeting), Today)).Field);
    }

    [Fact]
    public void Each_action_needs_a_description_an_owner_and_a_date_not_in_the_past()
    {
        var errors = AgreedResponse.Validate(
            Response(new("Review", "", Today),
                     new("", "Police", null),
                     new("Visit", "Housing", Today.AddDays(-1))),
            Decided(PartnerChoice.NoMeeting), Today);

        Assert.Equal(
            ["actions[0].owner", "actions[1].description", "actions[1].due", "actions[2].due"],
            errors.Select(e => e.Field));
        Assert.Contains("in the past", errors[^1].Message);
    }

    [Fact]
    public void An_agreed_response_is_only_for_a_no_meeting_decision()
    {
        Assert.Equal(FieldError.Form,
            Assert.Single(AgreedResponse.Validate(Response(), Decided(PartnerChoice.MeetingRequired), Today)).Field);

        var undecided = PartnerDecision.Evaluate(PartnerViews.Start(DecisionRule.Default), Sent, DecisionDue);
        Assert.Single(AgreedResponse.Validate(Response(), undecided, Today));
    }
}
