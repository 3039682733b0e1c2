using Xunit;
using TeamsSafeguarding.Escalation.Cases;
using TeamsSafeguarding.Escalation.Process;
using TeamsSafeguarding.Escalation.Triage;

namespace TeamsSafeguarding.Tests.Escalation.Triage;

public class TriageRulesTests
{
    private static readonly DateTimeOffset At = new(2026, 4, 2, 10, 30, 0, TimeSpan.FromHours(1));

    private static List<TriageAnswer> AllMet() =>
        Enum.GetValues<TriageCheck>().Select(c => new TriageAnswer(c, TriageCheckResult.Met)).ToList();

    private static List<TriageAnswer> With(params TriageCheck[] notMet) =>
        AllMet().Select(a => notMet.Contains(a.Check) ? a with { Result = TriageCheckResult.NotMet, Note = "missing" } : a).ToList();

    private static TriageSubmission Submit(List<TriageAnswer> answers, TriageDecision decision, string? note = null) =>
        new(answers, decision, note, "dbm-1", At);

    [Fact]
    public void Checklist_has_the_five_checks_with_names_and_explanations()
    {
        Assert.Equal(Enum.GetValues<TriageCheck>(), TriageChecklist.All.Select(i => i.Check));
        Assert.All(TriageChecklist.All, i =>
        {
            Assert.False(string.IsNullOrWhiteSpace(i.Name));
            Assert.False(string.IsNullOrWhiteSpace(i.Explanation));
        });
        Assert.Equal(5, TriageChecklist.All.Select(i => i.FieldId).Distinct().Count());
    }

    [Fact]
    public void All_met_and_sent_goes_to_partners_and_logs_date_and_decider()
    {
        var result = TriageRules.Decide(CaseStage.InTriage, Submit(AllMet(), TriageDecision.SendToPartners));

        Assert.True(result.IsValid);
        var outcome = result.Outcome!;
        Assert.Equal(TriageOutcomeKind.SentToPartners, outcome.Kind);
        Assert.Equal(CaseStage.WithPartners, outcome.NextStage);
        Assert.Empty(outcome.FailedChecks);
        Assert.False(outcome.NotTriaged);
        Assert.Equal(At, outcome.DecidedAt);
        Assert.Equal("dbm-1", outcome.DecidedBy);
        Assert.True(ProcessProfile.Default.Stages.Allows(outcome.From, outcome.NextStage));
    }

    [Fact]
    public void Return_lists_the_failed_checks_in_checklist_order_and_keeps_the_note()
    {
        var answers = With(TriageCheck.SeniorManagerNamed, TriageCheck.CapacityPresent);

        var result = TriageRules.Decide(CaseStage.InTriage,
            Submit(answers, TriageDecision.ReturnToReferrer, "  No capacity assessment; no senior manager.  "));

        var outcome = result.Outcome!;
        Assert.Equal(TriageOutcomeKind.ReturnedToReferrer, outcome.Kind);
        Assert.Equal(CaseStage.Returned, outcome.NextStage);
        Assert.Equal([TriageCheck.CapacityPresent, TriageCheck.SeniorManagerNamed], outcome.FailedChecks);
        Assert.Equal("No capacity assessment; no senior manager.", outcome.ReturnNote);
        Assert.True(ProcessProfile.Default.Stages.Allows(outcome.From, outcome.NextStage));
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("   ")]
    public void Return_needs_a_note_naming_what_was_not_evidenced(string? note)
    {
        var result = TriageRules.Decide(CaseStage.InTriage,
            Submit(With(TriageCheck.NeedsIdentified), TriageDecision.ReturnToReferrer, note));

        Assert.False(result.IsValid);
        var error = Assert.Single(result.Errors);
        Assert.Equal(TriageRules.ReturnNoteField, error.Field);
        Assert.Contains("not evidenced", error.Message);
    }

    [Fact]
    public void Return_note_is_bounded()
    {
        var result = TriageRules.Decide(CaseStage.InTriage, Submit(With(TriageCheck.NeedsIdentified),
            TriageDecision.ReturnToReferrer, new string('x', TriageRules.MaxReturnNoteLength + 1)));

        Assert.Equal(TriageRules.ReturnNoteField, Assert.Single(result.Errors).Field);
    }

    [Fact]
    public void Cannot_return_when_every_check_is_met()
    {
        var result = TriageRules.Decide(CaseStage.InTriage, Submit(AllMet(), TriageDecision.ReturnToReferrer, "note"));

        Assert.Equal(TriageRules.DecisionField, Assert.Single(result.Errors).Field);
    }

    [Fact]
    public void Cannot_send_to_partners_with_an_unmet_check_and_the_error_sits_on_that_check()
    {
        var result = TriageRules.Decide(CaseStage.InTriage,
            Submit(With(TriageCheck.MultiAgencyWorkEvidenced), TriageDecision.SendToPartners));

        var error = Assert.Single(result.Errors);
        Assert.Equal(TriageChecklist.Describe(TriageCheck.MultiAgencyWorkEvidenced).FieldId, error.Field);
        Assert.Contains("Multi-agency work evidenced", error.Message);
    }

    [Fact]
    public void Every_check_must_be_answered_once()
    {
        var answers = AllMet();
        answers.RemoveAll(a => a.Check == TriageCheck.CapacityPresent);
        answers.Add(new TriageAnswer(TriageCheck.NeedsIdentified, TriageCheckResult.Met));

        var result = TriageRules.Decide(CaseStage.InTriage, Submit(answers, TriageDecision.SendToPartners));

        Assert.Equal(
            ["needsIdentified", "capacityPresent"],
            result.Errors.Select(e => e.Field));
    }

    [Fact]
    public void Check_notes_are_bounded()
    {
        var answers = AllMet();
        answers[0] = answers[0] with { Note = new string('x', TriageRules.MaxCheckNoteLength + 1) };

        var result = TriageRules.Decide(CaseStage.InTriage, Submit(answers, TriageDecision.SendToPartners));

        Assert.Equal(TriageRules.NoteField(TriageCheck.NeedsIdentified), Assert.Single(result.Errors).Field);
    }

    [Theory]
    [InlineData(CaseStage.Received)]
    [InlineData(CaseStage.WithPartners)]
    [InlineData(CaseStage.Returned)]
    public void Triage_is_refused_once_the_case_has_moved_on(CaseStage current)
    {
        var result = TriageRules.Decide(current, Submit(AllMet(), TriageDecision.SendToPartners));

        var error = Assert.Single(result.Errors);
        Assert.Equal(FieldError.Form, error.Field);
        Assert.Contains(CaseStageWords.Display(current), error.Message);
    }

    [Theory]
    [InlineData(CaseStage.Received)]
    [InlineData(CaseStage.InTriage)]
    public void Coordinator_forwarding_is_flagged_not_triaged(CaseStage current)
    {
        var result = TriageRules.ForwardUntriaged(current, "coordinator-7", At, UntriagedForwarding.WhenDeputyAbsent, deputyAbsent: true);

        var outcome = result.Outcome!;
        Assert.True(outcome.NotTriaged);
        Assert.Equal(TriageOutcomeKind.ForwardedUntriaged, outcome.Kind);
        Assert.Equal(CaseStage.WithPartners, outcome.NextStage);
        Assert.Equal("coordinator-7", outcome.DecidedBy);
        Assert.True(ProcessProfile.Default.Stages.Allows(current, outcome.NextStage));
    }

    [Fact]
    public void Forwarding_untriaged_is_refused_when_the_board_does_not_allow_it_or_the_case_has_moved_on()
    {
        Assert.False(TriageRules.ForwardUntriaged(CaseStage.Received, "c", At, UntriagedForwarding.Never, deputyAbsent: true).IsValid);
        Assert.False(TriageRules.ForwardUntriaged(CaseStage.WithPartners, "c", At, UntriagedForwarding.Always, deputyAbsent: true).IsValid);
        Assert.False(TriageRules.ForwardUntriaged(CaseStage.Received, " ", At, UntriagedForwarding.Always, deputyAbsent: true).IsValid);
    }

    [Fact]
    public void By_default_forwarding_untriaged_needs_the_deputy_recorded_as_away()
    {
        Assert.Equal(UntriagedForwarding.WhenDeputyAbsent, ProcessProfile.Default.UntriagedForwarding);
        var refused = TriageRules.ForwardUntriaged(CaseStage.Received, "c", At, ProcessProfile.Default.UntriagedForwarding, deputyAbsent: false);
        Assert.Contains("only while the deputy board manager is recorded as away", Assert.Single(refused.Errors).Message);
        Assert.True(TriageRules.ForwardUntriaged(CaseStage.Received, "c", At, ProcessProfile.Default.UntriagedForwarding, deputyAbsent: true).IsValid);
        Assert.True(TriageRules.ForwardUntriaged(CaseStage.Received, "c", At, UntriagedForwarding.Always, deputyAbsent: false).IsValid);
        Assert.Equal([false, true, true, false], new[] { (UntriagedForwarding.WhenDeputyAbsent, false), (UntriagedForwarding.WhenDeputyAbsent, true),
            (UntriagedForwarding.Always, false), (UntriagedForwarding.Never, true) }.Select(p => TriageRules.MayForwardUntriaged(p.Item1, p.Item2)));
    }

    [Fact]
    public void An_absence_covers_its_days_both_included_and_is_checked_when_recorded()
    {
        var today = new DateOnly(2026, 4, 10);
        var (absence, errors) = DeputyAbsence.Record(today, today.AddDays(7), today, AbsenceRecordedAs.Cover, "coord-1", At);
        Assert.Empty(errors);
        Assert.True(absence!.Covers(today) && absence.Covers(today.AddDays(7)));
        Assert.False(absence.Covers(today.AddDays(8)) || absence.Covers(today.AddDays(-1)));
        Assert.Equal("away 10 April 2026 to 17 April 2026 (cover set by a coordinator)", absence.Words);

        Assert.Equal([DeputyAbsence.FromField, DeputyAbsence.ToField], DeputyAbsence.Record(null, null, today, AbsenceRecordedAs.Own, "d", At).Errors.Select(e => e.Field));
        Assert.Contains("before the first", Assert.Single(DeputyAbsence.Record(today, today.AddDays(-1), today, AbsenceRecordedAs.Own, "d", At).Errors).Message);
        Assert.Contains("has passed", Assert.Single(DeputyAbsence.Record(today.AddDays(-5), today.AddDays(-1), today, AbsenceRecordedAs.Own, "d", At).Errors).Message);
        Assert.Contains("at most 92 days", Assert.Single(DeputyAbsence.Record(today, today.AddDays(92), today, AbsenceRecordedAs.Own, "d", At).Errors).Message);
    }
}
