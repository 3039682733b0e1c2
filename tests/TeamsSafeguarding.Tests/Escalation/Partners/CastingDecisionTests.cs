using TeamsSafeguarding.Escalation.Cases;
using TeamsSafeguarding.Escalation.Partners;
using Xunit;
using static TeamsSafeguarding.Tests.Escalation.Partners.Ballot;

namespace TeamsSafeguarding.Tests.Escalation.Partners;

public class CastingDecisionTests
{
    private static PartnerViews Split(DecisionRule? rule = null) =>
        Give(rule ?? DecisionRule.Default, View(La, PartnerChoice.MeetingRequired, 1), View(Police, PartnerChoice.NoMeeting, 2));

    private static CastingDecision Casting(string rationale = "Risk to life; partners need to meet", CastingActor actor = CastingActor.Chair,
        DateTimeOffset? at = null) =>
        new(PartnerChoice.MeetingRequired, rationale, actor, "chair-1", at ?? AfterDeadline.AddHours(2), "cast-1");

    [Fact]
    public void The_chair_decides_after_the_deadline_with_a_rationale()
    {
        var result = PartnerDecision.Cast(Split(), Casting(), DecisionDue);

        Assert.True(result.Accepted);
        Assert.Equal(DecisionStatus.Decided, result.State.Status);
        Assert.Equal(PartnerChoice.MeetingRequired, result.State.Outcome);
        Assert.Equal(DecisionMethod.Chair, result.State.Method);
        Assert.Equal(AfterDeadline.AddHours(2), result.State.DecidedAt);
        Assert.Equal("chair-1", result.State.Casting!.DecidedBy);

        // The ledger carries the casting decision, so evaluating it later gives the same answer.
        var later = PartnerDecision.Evaluate(result.Ledger, AfterDeadline.AddDays(3), DecisionDue);
        Assert.Equal((DecisionStatus.Decided, DecisionMethod.Chair), (later.Status, later.Method));
    }

    [Theory]
    [InlineData("")]
    [InlineData("  ")]
    public void A_casting_decision_requires_a_rationale(string rationale)
    {
        var result = PartnerDecision.Cast(Split(), Casting(rationale), DecisionDue);

        Assert.False(result.Accepted);
        Assert.Equal(PartnerDecision.CastingRationaleField, Assert.Single(result.Problems).Field);
        Assert.Null(result.Ledger.Casting);
        Assert.Equal(DecisionStatus.AwaitingCastingDecision, result.State.Status);
    }

    [Fact]
    public void A_casting_decision_before_the_deadline_is_refused()
    {
        var result = PartnerDecision.Cast(Split(), Casting(at: DecisionDue.AddHours(-1)), DecisionDue);

        Assert.False(result.Accepted);
        Assert.Contains("still have time", result.Problems[0].Message);
    }

    [Fact]
    public void No_casting_decision_once_the_partners_have_decided()
    {
        var decided = Give(DecisionRule.Default, View(La, PartnerChoice.NoMeeting, 1), View(Police, PartnerChoice.NoMeeting, 2));

        var result = PartnerDecision.Cast(decided, Casting(), DecisionDue);

        Assert.False(result.Accepted);
        Assert.Equal(DecisionMethod.EarlyMajority, result.State.Method);
    }

    [Fact]
    public void Only_the_actor_the_board_set_may_cast()
    {
        var byDbm = DecisionRule.Default with { CastingBy = CastingActor.DeputyBoardManager };

        Assert.False(PartnerDecision.Cast(Split(), Casting(actor: CastingActor.DeputyBoardManager), DecisionDue).Accepted);
        Assert.False(PartnerDecision.Cast(Split(byDbm), Casting(actor: CastingActor.Chair), DecisionDue).Accepted);
        Assert.True(PartnerDecision.Cast(Split(byDbm), Casting(actor: CastingActor.DeputyBoardManager), DecisionDue).Accepted);
    }

    [Fact]
    public void The_same_casting_click_twice_is_accepted_once_and_a_different_one_is_refused()
    {
        var first = PartnerDecision.Cast(Split(), Casting(), DecisionDue);
        var again = PartnerDecision.Cast(first.Ledger, Casting(), DecisionDue);
        var other = PartnerDecision.Cast(first.Ledger,
            Casting() with { Outcome = PartnerChoice.NoMeeting, RequestId = "cast-2" }, DecisionDue);

        Assert.True(again.Accepted);
        Assert.Same(first.Ledger, again.Ledger);
        Assert.False(other.Accepted);
        Assert.Equal(PartnerChoice.MeetingRequired, other.State.Outcome);
    }

    [Fact]
    public void After_the_casting_decision_views_cannot_change_and_a_new_one_is_only_late()
    {
        var cast = PartnerDecision.Cast(Split(), Casting(), DecisionDue);

        var change = PartnerDecision.GiveView(cast.Ledger, View(Police, PartnerChoice.MeetingRequired, 22) with { RequestId = "p-2" }, DecisionDue);
        Assert.Equal(ViewGivenKind.Refused, change.Kind);
        Assert.Contains("chair's casting decision", change.Explanation);

        var late = PartnerDecision.GiveView(cast.Ledger, View(Icb, PartnerChoice.NoMeeting, 22), DecisionDue);
        Assert.Equal(ViewGivenKind.Late, late.Kind);
        var state = PartnerDecision.Evaluate(late.Ledger, AfterDeadline.AddDays(2), DecisionDue);
        Assert.Equal((PartnerChoice.MeetingRequired, DecisionMethod.Chair), (state.Outcome, state.Method));
        Assert.Equal(CaseStage.MeetingRequired, PartnerChoiceWords.NextStage(cast.State.Outcome!.Value));
    }
}
