using TeamsSafeguarding.Escalation.Cases;
using TeamsSafeguarding.Escalation.Process;
using Xunit;

namespace TeamsSafeguarding.Tests.Escalation.Cases;

/// <summary>The case aggregate: its stage changes only through steps that check the table and say what happened.</summary>
public class CaseTests
{
    private static readonly StageTable Stages = ProcessProfile.Default.Stages;
    private static readonly DateTimeOffset Start = new(2026, 3, 2, 10, 0, 0, TimeSpan.Zero);
    private const string Id = "c0ffee00c0ffee00c0ffee00c0ffee00";

    private static Case Draft() => Case.StartDraft(Id, "referrer-1", Start).After;

    private static Case Received() => Draft().Submit("SAB-2026-0001", "Housing association", "High", Stages, Start.AddHours(1)).After;

    private static Case WithPartners() => Received().Triage(true, [], Stages, Start.AddDays(1)).After;

    [Fact]
    public void A_new_draft_belongs_to_its_referrer_and_says_so_in_the_log()
    {
        var started = Case.StartDraft(Id, "referrer-1", Start);

        Assert.Null(started.Before);
        Assert.Equal((CaseStage.Draft, "referrer-1", Start), (started.After.Stage, started.After.ReferrerKey, started.After.StageSince));
        Assert.Equal([CaseActions.DraftCreated], started.Log.Select(l => l.Action));
    }

    [Fact]
    public void Submitting_gives_the_reference_a_first_version_and_the_bots_receipt()
    {
        var submitted = Draft().Submit("SAB-2026-0001", "Housing association", "High", Stages, Start.AddHours(1));

        var after = submitted.After;
        Assert.False(submitted.IsRefused);
        Assert.Equal((CaseStage.Received, "SAB-2026-0001", 1, "High"), (after.Stage, after.Reference, after.Version, after.RiskBand));
        Assert.Equal(Start.AddHours(1), after.ReceivedAt);
        Assert.Equal([CaseActions.Submitted, CaseActions.Received], submitted.Log.Select(l => l.Action));
        Assert.Equal(CaseActor.System, submitted.Log[1].By);
    }

    [Fact]
    public void A_returned_referral_is_resubmitted_as_a_new_version_under_its_reference()
    {
        var returned = Received().Triage(false, ["Capacity present"], Stages, Start.AddDays(1)).After;

        var again = returned.Submit("SAB-2026-0001", "Housing association", "Moderate", Stages, Start.AddDays(2));

        Assert.Equal((CaseStage.Received, 2), (again.After.Stage, again.After.Version));
        Assert.Equal(CaseActions.Resubmitted, again.Log[0].Action);
    }

    [Fact]
    public void Triage_sends_on_or_returns_naming_the_unmet_checks()
    {
        var sent = Received().Triage(true, [], Stages, Start.AddDays(1));
        var returned = Received().Triage(false, ["Capacity present", "Senior manager named"], Stages, Start.AddDays(1));

        Assert.Equal(CaseStage.WithPartners, sent.After.Stage);
        Assert.Equal([(CaseActions.Triaged, (string?)"All checks met"), (CaseActions.SentToPartners, null)], sent.Log.Select(l => (l.Action, l.Detail)));
        Assert.Equal(CaseStage.Returned, returned.After.Stage);
        Assert.Equal("Not met: Capacity present, Senior manager named", returned.Log[1].Detail);
    }

    [Fact]
    public void A_move_the_table_does_not_allow_is_refused_in_the_boards_words_and_changes_nothing()
    {
        var draft = Draft();

        var refused = draft.Triage(true, [], Stages, Start.AddDays(1));

        Assert.True(refused.IsRefused);
        Assert.Same(draft, refused.After);
        Assert.Empty(refused.Log);
        Assert.Equal("A case at \"Draft\" cannot move to \"With statutory partners\"; it can only move to \"Received\".", refused.Refusal);
    }

    [Fact]
    public void The_partners_decision_moves_the_case_and_logs_outcome_method_and_date()
    {
        var decided = WithPartners().PartnersDecided(true, "MeetingRequired", "EarlyMajority", new DateOnly(2026, 3, 5), Stages, Start.AddDays(3));

        Assert.Equal(CaseStage.MeetingRequired, decided.After.Stage);
        Assert.Equal((CaseActions.Decided, "MeetingRequired; EarlyMajority; 2026-03-05"), (decided.Log[0].Action, decided.Log[0].Detail));
        Assert.Equal(CaseStage.NoMeeting,
            WithPartners().PartnersDecided(false, "NoMeeting", "Chair", new DateOnly(2026, 3, 5), Stages, Start).After.Stage);
    }

    [Fact]
    public void The_agreed_response_closes_a_no_meeting_case_and_nothing_else()
    {
        var noMeeting = WithPartners().PartnersDecided(false, "NoMeeting", "EarlyMajority", new DateOnly(2026, 3, 5), Stages, Start.AddDays(3)).After;

        var closed = noMeeting.AgreedResponseRecorded(2, Stages, Start.AddDays(4), new DateOnly(2026, 3, 6));

        Assert.Equal((CaseStage.Closed, (DateTimeOffset?)Start.AddDays(4)), (closed.After.Stage, closed.After.ClosedAt));
        Assert.Equal([CaseActions.ResponseAgreed, CaseActions.FeedbackSent, CaseActions.Closed], closed.Log.Select(l => l.Action));
        Assert.True(WithPartners().AgreedResponseRecorded(0, Stages, Start, new DateOnly(2026, 3, 6)).IsRefused);
    }

    [Fact]
    public void Only_an_editable_referral_can_be_saved_as_a_draft()
    {
        var saved = Draft().DraftSaved("person", Start.AddDays(1));

        Assert.Equal(Start.AddDays(1), saved.After.UpdatedAt);
        Assert.Equal(CaseStage.Draft, saved.After.Stage);
        Assert.True(Received().DraftSaved("person", Start.AddDays(1)).IsRefused);
    }

    [Fact]
    public void Untriaged_forwarding_is_a_move_from_waiting_for_triage_only()
    {
        Assert.Equal(CaseStage.WithPartners, Received().ForwardUntriaged(Stages, Start.AddDays(1)).After.Stage);
        Assert.True(Draft().ForwardUntriaged(Stages, Start.AddDays(1)).IsRefused);
    }
}
