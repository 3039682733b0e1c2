using TeamsSafeguarding.Escalation.Cases;
using TeamsSafeguarding.Escalation.Meetings;
using TeamsSafeguarding.Escalation.Process;
using Xunit;

namespace TeamsSafeguarding.Tests.Escalation.Cases;

/// <summary>The review meeting's steps on the case aggregate: each makes one move of the stage table, or is refused in words.</summary>
public class MeetingStepsTests
{
    private static readonly StageTable Stages = ProcessProfile.Default.Stages;
    private static readonly DateTimeOffset At = new(2026, 3, 2, 10, 0, 0, TimeSpan.Zero);
    private static readonly DateOnly Today = new(2026, 3, 2);

    private static Case At_(CaseStage stage) => new()
    {
        CaseId = "c0ffee00c0ffee00c0ffee00c0ffee00", Reference = "SAB-2026-0001", Stage = stage, ReferrerKey = "referrer-1",
        CreatedAt = At, UpdatedAt = At, Version = 1,
    };

    [Fact]
    public void The_meeting_runs_from_required_to_monitored_each_step_logged()
    {
        var arranged = At_(CaseStage.MeetingRequired).LeadAgencyRecorded("lead agency Police; 4 invitee(s)", Stages, At);
        var booked = arranged.After.MeetingBooked("2026-03-10 14:00-15:30 London", "invitation file offered", Stages, At);
        var moved = booked.After.MeetingRescheduled("2026-03-11 10:00-11:30 London", "invitation file updated", At);
        var held = moved.After.MeetingHeld(new DateOnly(2026, 3, 11), Stages, At);
        var recorded = held.After.MeetingRecorded("attended 4 of 5", furtherReview: false, Stages, At);
        var due = recorded.After.ReviewDateReached(new DateOnly(2026, 6, 1), Stages, At);

        Assert.Equal([CaseStage.Arranging, CaseStage.MeetingBooked, CaseStage.MeetingBooked, CaseStage.MeetingHeld, CaseStage.MonitoringActions, CaseStage.ReviewDue],
            new[] { arranged, booked, moved, held, recorded, due }.Select(c => c.After.Stage));
        Assert.Equal([CaseActions.MeetingArranged, CaseActions.MeetingBooked, CaseActions.MeetingRescheduled, CaseActions.MeetingHeld,
            CaseActions.MeetingRecorded, CaseActions.ReviewDue], new[] { arranged, booked, moved, held, recorded, due }.Select(c => Assert.Single(c.Log).Action));
        Assert.Equal("2026-03-10 14:00-15:30 London; invitation file offered", booked.Log[0].Detail);
        Assert.Equal(CaseActor.System, due.Log[0].By);
    }

    [Fact]
    public void A_further_review_and_a_cancelled_meeting_go_back_to_arranging_where_the_arrangements_may_change()
    {
        Assert.Equal(CaseStage.Arranging, At_(CaseStage.MeetingHeld).MeetingRecorded("attended 3 of 5", furtherReview: true, Stages, At).After.Stage);
        Assert.Equal(CaseStage.Arranging, At_(CaseStage.MeetingBooked).MeetingCancelled("cancelled in the calendar", Stages, At).After.Stage);
        Assert.False(At_(CaseStage.Arranging).ArrangementChanged("lead agency Police", At).IsRefused);
        Assert.Contains("only while it is being arranged", At_(CaseStage.MeetingBooked).ArrangementChanged("x", At).Refusal);
        Assert.Contains("Only a booked meeting can be moved", At_(CaseStage.Arranging).MeetingRescheduled("x", "y", At).Refusal);
    }

    [Theory]
    [InlineData(PlanReviewOutcome.Close, CaseStage.Closed)]
    [InlineData(PlanReviewOutcome.KeepMonitoring, CaseStage.MonitoringActions)]
    [InlineData(PlanReviewOutcome.FurtherReview, CaseStage.Arranging)]
    [InlineData(PlanReviewOutcome.ReEscalate, CaseStage.WithPartners)]
    public void The_review_loops_back_closes_or_re_escalates(PlanReviewOutcome outcome, CaseStage to)
    {
        var reviewed = At_(CaseStage.ReviewDue).PlanReviewed(new PlanReview(outcome, outcome == PlanReviewOutcome.KeepMonitoring ? Today.AddDays(30) : null),
            Stages, At, Today);

        Assert.False(reviewed.IsRefused);
        Assert.Equal(to, reviewed.After.Stage);
        Assert.Equal(CaseActions.PlanReviewed, reviewed.Log[0].Action);
        if (outcome == PlanReviewOutcome.Close)
            Assert.Equal((CaseActions.Closed, At), (reviewed.Log[1].Action, reviewed.After.ClosedAt!.Value));
        if (outcome == PlanReviewOutcome.ReEscalate)
            Assert.Equal([CaseActions.PlanReviewed, CaseActions.SentToPartners], reviewed.Log.Select(l => l.Action)); // through "Re-escalated", in one change
    }

    [Fact]
    public void Steps_out_of_turn_are_refused_and_change_nothing()
    {
        var early = At_(CaseStage.WithPartners).LeadAgencyRecorded("x", Stages, At);
        var twice = At_(CaseStage.MonitoringActions).ReviewDateReached(Today, Stages, At).After.PlanReviewed(new PlanReview(PlanReviewOutcome.Close, null), Stages, At, Today)
            .After.PlanReviewed(new PlanReview(PlanReviewOutcome.Close, null), Stages, At, Today);

        Assert.True(early.IsRefused);
        Assert.Equal(CaseStage.WithPartners, early.After.Stage);
        Assert.Empty(early.Log);
        Assert.True(twice.IsRefused);
        Assert.Equal("The case is already at \"Closed\".", twice.Refusal);
        Assert.True(At_(CaseStage.ReEscalated).PlanReviewed(new PlanReview(PlanReviewOutcome.ReEscalate, null), Stages, At, Today).IsRefused);
    }
}
