using TeamsSafeguarding.Escalation.Meetings;

namespace TeamsSafeguarding.Escalation.Cases;

/// <summary>
/// The head of a case file: who referred it, where it stands, its reference once submitted. Its stage changes only
/// through <see cref="MoveTo"/> (called by the named steps below), which checks the board's <see cref="StageTable"/>
/// and says what happened: the new state and the lines for the case log. Pure: no storage, no Teams, no clock.
/// Only channel-safe facts live here (reference, stage, referring agency, risk band word, dates).
/// </summary>
public sealed record Case
{
    public required string CaseId { get; init; }
    public string? Reference { get; init; }
    public required CaseStage Stage { get; init; }
    public required string ReferrerKey { get; init; }
    public string? ReferringAgency { get; init; }
    /// <summary>Number of submitted versions (0 while a first draft).</summary>
    public int Version { get; init; }
    public required DateTimeOffset CreatedAt { get; init; }
    public required DateTimeOffset UpdatedAt { get; init; }
    /// <summary>When the case entered its current stage.</summary>
    public DateTimeOffset? StageSince { get; init; }
    public DateTimeOffset? ReceivedAt { get; init; }
    /// <summary>Risk band word for channel cards (e.g. "High"); never a personal detail.</summary>
    public string? RiskBand { get; init; }
    public DateTimeOffset? ExpiryWarnedAt { get; init; }
    public DateTimeOffset? ClosedAt { get; init; }
    /// <summary>Keyed hashes matching referrals about the same person (<c>RepeatReferralKeys</c>), comma-separated: compared,
    /// never shown. A string so that two reads of the same case are equal records.</summary>
    public string? RepeatKeys { get; init; }

    public bool IsEditableByReferrer => Stage is CaseStage.Draft or CaseStage.Returned;

    /// <summary>The reference people see, or the id while it is a draft.</summary>
    public string ReferenceOrId => Reference ?? CaseId;

    /// <summary>
    /// The one way a stage changes: refused (with the board's words) unless <paramref name="stages"/> allows it; the
    /// log lines record what happened.
    /// </summary>
    public CaseChange MoveTo(CaseStage to, StageTable stages, DateTimeOffset at, params CaseLogLine[] log)
    {
        if (stages.Refusal(Stage, to) is { } refusal) return CaseChange.Refused(this, refusal);
        var next = this with { Stage = to, StageSince = at, UpdatedAt = at, ClosedAt = to == CaseStage.Closed ? at : ClosedAt };
        return new CaseChange(this, next, log, null);
    }

    /// <summary>A new draft referral, owned by the person starting it.</summary>
    public static CaseChange StartDraft(string caseId, string referrerKey, DateTimeOffset at)
    {
        var draft = new Case { CaseId = caseId, Stage = CaseStage.Draft, ReferrerKey = referrerKey, CreatedAt = at, UpdatedAt = at, StageSince = at };
        return new CaseChange(null, draft, [new(CaseActions.DraftCreated)], null);
    }

    /// <summary>The referrer saved their draft (any Next, Back, Save or edit): the expiry clock restarts.</summary>
    public CaseChange DraftSaved(string step, DateTimeOffset at) => IsEditableByReferrer
        ? new CaseChange(this, this with { UpdatedAt = at, ExpiryWarnedAt = null }, [new(CaseActions.DraftSaved, step)], null)
        : CaseChange.Refused(this, "This referral has been submitted and can no longer be changed.");

    /// <summary>The bot warned the referrer that their unused draft will be deleted.</summary>
    public CaseChange ExpiryWarned(DateTimeOffset at) => Stage == CaseStage.Draft
        ? new CaseChange(this, this with { ExpiryWarnedAt = at }, [new(CaseActions.DraftExpiryWarned, null, CaseActor.System)], null)
        : CaseChange.Refused(this, "Only drafts expire.");

    /// <summary>
    /// Submitted (or an amended version resubmitted): a frozen version, the reference kept on resubmission, and
    /// the bot's receipt. <paramref name="riskBand"/> and <paramref name="referringAgency"/> are channel-safe words.
    /// </summary>
    public CaseChange Submit(string reference, string? referringAgency, string riskBand, StageTable stages, DateTimeOffset at)
    {
        var resubmission = Version > 0;
        var detail = $"{reference}; agency {referringAgency ?? "not given"}; risk {riskBand}";
        var moved = MoveTo(CaseStage.Received, stages, at,
            new(resubmission ? CaseActions.Resubmitted : CaseActions.Submitted, detail),
            new(CaseActions.Received, detail, CaseActor.System));
        return moved.Then(c => c with
        {
            Reference = reference, Version = Version + 1, ReceivedAt = at, RiskBand = riskBand,
            ReferringAgency = referringAgency, ExpiryWarnedAt = null,
        });
    }

    /// <summary>The deputy board manager's triage: all checks met, to the partners; otherwise back to the referrer.</summary>
    public CaseChange Triage(bool allChecksMet, IReadOnlyList<string> unmetCheckNames, StageTable stages, DateTimeOffset at)
    {
        var checks = new CaseLogLine(CaseActions.Triaged, unmetCheckNames.Count == 0 ? "All checks met" : "Not met: " + string.Join(", ", unmetCheckNames));
        return allChecksMet
            ? MoveTo(CaseStage.WithPartners, stages, at, checks, new(CaseActions.SentToPartners))
            : MoveTo(CaseStage.Returned, stages, at, checks, new(CaseActions.Returned, "Not met: " + string.Join(", ", unmetCheckNames)));
    }

    /// <summary>A coordinator sends it on without triage (the deputy board manager is absent): flagged "not triaged".
    /// Whether the board allows that now is the triage rules' call (<c>TriageRules.ForwardUntriaged</c>);
    /// <paramref name="why"/> is the recorded absence it relied on, in channel-safe words, for the log.</summary>
    public CaseChange ForwardUntriaged(StageTable stages, DateTimeOffset at, string? why = null) =>
        MoveTo(CaseStage.WithPartners, stages, at, new CaseLogLine(CaseActions.SentUntriaged, why is null ? "Triage not completed" : $"Triage not completed; deputy board manager {why}"));

    /// <summary>The partners' decision (a view that made the majority, the deadline, or the chair's casting decision).</summary>
    public CaseChange PartnersDecided(bool meetingRequired, string outcomeName, string methodName, DateOnly decidedOn, StageTable stages, DateTimeOffset at) =>
        MoveTo(meetingRequired ? CaseStage.MeetingRequired : CaseStage.NoMeeting, stages, at,
            new CaseLogLine(CaseActions.Decided, $"{outcomeName}; {methodName}; {decidedOn:yyyy-MM-dd}"));

    /// <summary>No meeting: the agreed response is recorded and fed back to the referrer, and the case closes.</summary>
    public CaseChange AgreedResponseRecorded(int furtherActions, StageTable stages, DateTimeOffset at, DateOnly today) =>
        MoveTo(CaseStage.Closed, stages, at,
            new(CaseActions.ResponseAgreed, $"{furtherActions} further action(s)"),
            new(CaseActions.FeedbackSent, $"Feedback date {today:yyyy-MM-dd}"),
            new(CaseActions.Closed, $"Closed {today:yyyy-MM-dd}"));

    // The senior management review meeting and its loop (domain.md section 2: MeetingRequired -> Arranging -> Held ->
    // FeedbackSent, further review -> Arranging). Details are counts, dates and list values: never an address or typed text.

    /// <summary>A coordinator recorded the lead agency, the organiser and the invitees: the meeting is being arranged.</summary>
    public CaseChange LeadAgencyRecorded(string summary, StageTable stages, DateTimeOffset at) =>
        MoveTo(CaseStage.Arranging, stages, at, new CaseLogLine(CaseActions.MeetingArranged, summary));

    /// <summary>The arrangement changed while the meeting is still being arranged (e.g. before a further review).</summary>
    public CaseChange ArrangementChanged(string summary, DateTimeOffset at) => Stage == CaseStage.Arranging
        ? new CaseChange(this, this with { UpdatedAt = at }, [new(CaseActions.ArrangementChanged, summary)], null)
        : CaseChange.Refused(this, $"The meeting's arrangements can be changed only while it is being arranged (the case is \"{CaseStageWords.Display(Stage)}\").");

    /// <summary>The time is agreed: in the organiser's calendar with a Teams link, or recorded with an invitation file.</summary>
    public CaseChange MeetingBooked(string when, string how, StageTable stages, DateTimeOffset at) =>
        MoveTo(CaseStage.MeetingBooked, stages, at, new CaseLogLine(CaseActions.MeetingBooked, $"{when}; {how}"));

    public CaseChange MeetingRescheduled(string when, string how, DateTimeOffset at) => Stage == CaseStage.MeetingBooked
        ? new CaseChange(this, this with { UpdatedAt = at }, [new(CaseActions.MeetingRescheduled, $"{when}; {how}")], null)
        : CaseChange.Refused(this, $"Only a booked meeting can be moved (the case is \"{CaseStageWords.Display(Stage)}\").");

    /// <summary>The booked meeting is cancelled: it is to be arranged again.</summary>
    public CaseChange MeetingCancelled(string how, StageTable stages, DateTimeOffset at) =>
        MoveTo(CaseStage.Arranging, stages, at, new CaseLogLine(CaseActions.MeetingCancelled, how));

    /// <summary>The meeting has taken place and its record is started.</summary>
    public CaseChange MeetingHeld(DateOnly day, StageTable stages, DateTimeOffset at) =>
        MoveTo(CaseStage.MeetingHeld, stages, at, new CaseLogLine(CaseActions.MeetingHeld, $"Meeting date {day:yyyy-MM-dd}"));

    /// <summary>
    /// The record is complete and the feedback sent: the actions are monitored to the review date, or, when the meeting
    /// agreed a further senior review, it is arranged again.
    /// </summary>
    public CaseChange MeetingRecorded(string summary, bool furtherReview, StageTable stages, DateTimeOffset at) =>
        MoveTo(furtherReview ? CaseStage.Arranging : CaseStage.MonitoringActions, stages, at, new CaseLogLine(CaseActions.MeetingRecorded, summary));

    /// <summary>The review date has come: the coordinators are asked whether the plan is working.</summary>
    public CaseChange ReviewDateReached(DateOnly reviewDate, StageTable stages, DateTimeOffset at) =>
        MoveTo(CaseStage.ReviewDue, stages, at, new CaseLogLine(CaseActions.ReviewDue, $"Review date {reviewDate:yyyy-MM-dd}", CaseActor.System));

    /// <summary>
    /// The coordinators' review: working, close (or keep monitoring to a new date); not working, a further review meeting
    /// or back to the statutory partners (re-escalated and sent to them again, in one step).
    /// </summary>
    public CaseChange PlanReviewed(PlanReview review, StageTable stages, DateTimeOffset at, DateOnly today)
    {
        var line = new CaseLogLine(CaseActions.PlanReviewed, review.Outcome switch
        {
            PlanReviewOutcome.Close => "Plan working; case closed",
            PlanReviewOutcome.KeepMonitoring => $"Plan working; monitoring kept to {review.NextReview:yyyy-MM-dd}",
            PlanReviewOutcome.FurtherReview => "Plan not working; further senior review meeting",
            _ => "Plan not working; re-escalated to the statutory partners",
        });
        return review.Outcome switch
        {
            PlanReviewOutcome.Close => MoveTo(CaseStage.Closed, stages, at, line, new CaseLogLine(CaseActions.Closed, $"Closed {today:yyyy-MM-dd}")),
            PlanReviewOutcome.KeepMonitoring => MoveTo(CaseStage.MonitoringActions, stages, at, line),
            PlanReviewOutcome.FurtherReview => MoveTo(CaseStage.Arranging, stages, at, line),
            _ => MoveTo(CaseStage.ReEscalated, stages, at, line)
                .AndThen(c => c.MoveTo(CaseStage.WithPartners, stages, at, new CaseLogLine(CaseActions.SentToPartners, "Re-escalated after the review"))),
        };
    }
}

/// <summary>
/// What a step did to a case: the state before and after (no <see cref="Before"/> for a new case) and the lines for
/// the case log; or, when <see cref="Refusal"/> is set, why it was refused (and nothing changes).
/// </summary>
public sealed record CaseChange(Case? Before, Case After, IReadOnlyList<CaseLogLine> Log, string? Refusal)
{
    public bool IsRefused => Refusal is not null;

    public static CaseChange Refused(Case current, string reason) => new(current, current, [], reason);

    /// <summary>Further facts of the same step set on the moved state (a refusal stays as it is).</summary>
    public CaseChange Then(Func<Case, Case> more) => IsRefused ? this : this with { After = more(After) };

    /// <summary>A second step straight after this one, as one change: both sets of log lines, refused if either is.</summary>
    public CaseChange AndThen(Func<Case, CaseChange> next)
    {
        if (IsRefused) return this;
        var second = next(After);
        return second.IsRefused ? Refused(Before ?? After, second.Refusal!) : new CaseChange(Before, second.After, [.. Log, .. second.Log], null);
    }
}
