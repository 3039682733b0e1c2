using TeamsSafeguarding.Cases;
using TeamsSafeguarding.Escalation.Cases;
using TeamsSafeguarding.Escalation.Process;
using TeamsSafeguarding.Scheduling;

namespace TeamsSafeguarding.Retention;

/// <summary>
/// When a case closes (whichever step closes it), its deletion is scheduled for ClosedCaseRetentionYears later, in the
/// due index, before the closing change commits. Nothing else about a case's retention is looked at until then.
/// </summary>
public sealed class RetentionClock(DueIndex due, ProcessProfile profile) : ICaseFollower
{
    /// <summary>The retention sweep's kind in the due index.</summary>
    public const string Kind = "retention";

    public Task FollowAsync(Case? before, Case after, CancellationToken ct) =>
        after is { Stage: CaseStage.Closed, ClosedAt: { } closedAt } && before?.Stage != CaseStage.Closed
            ? due.ScheduleAsync(Kind, after.CaseId, profile.RetainUntil(closedAt), ct)
            : Task.CompletedTask;
}
