namespace TeamsSafeguarding.Escalation.Cases;

/// <summary>One permitted move between stages, with what causes it (for logs and explanations).</summary>
public sealed record CaseTransition(CaseStage From, CaseStage To, string Cause);

/// <summary>The answer to "may this case move from here to there?", with a reason people can read when it may not.</summary>
public sealed record TransitionCheck(bool Allowed, string? Reason)
{
    public static readonly TransitionCheck Yes = new(true, null);
}

/// <summary>Thrown by <see cref="CaseTransitions.Require"/>: a caller tried a move the process does not allow.</summary>
public sealed class CaseTransitionRefusedException(CaseStage from, CaseStage to, string reason)
    : InvalidOperationException(reason)
{
    public CaseStage From { get; } = from;
    public CaseStage To { get; } = to;
}

/// <summary>
/// The state table of domain.md section 2, as data. Anything not listed is refused, so a stale card or a
/// double click can never push a case somewhere the process does not go.
/// </summary>
public static class CaseTransitions
{
    public static IReadOnlyList<CaseTransition> All { get; } =
    [
        new(CaseStage.Draft, CaseStage.Received, "referrer submits (route gates pass, senior manager named)"),
        new(CaseStage.Received, CaseStage.InTriage, "receipt logged, deputy board manager alerted"),
        // The untriaged route: the deputy board manager is absent and a coordinator forwards it flagged "not triaged".
        new(CaseStage.Received, CaseStage.WithPartners, "coordinator forwards untriaged (deputy board manager absent)"),
        new(CaseStage.InTriage, CaseStage.WithPartners, "triage checks met, sent to statutory partners (or forwarded untriaged)"),
        new(CaseStage.InTriage, CaseStage.Returned, "triage checks not met, returned naming the unmet items"),
        new(CaseStage.Returned, CaseStage.Received, "referrer resubmits an amended version"),
        new(CaseStage.WithPartners, CaseStage.NoMeeting, "partners decide no meeting is required"),
        new(CaseStage.WithPartners, CaseStage.MeetingRequired, "partners decide a meeting is required"),
        new(CaseStage.NoMeeting, CaseStage.Closed, "response and rationale agreed and fed back to the referrer"),
        new(CaseStage.MeetingRequired, CaseStage.Arranging, "lead agency contacted to arrange the review"),
        new(CaseStage.Arranging, CaseStage.Held, "review meeting held"),
        new(CaseStage.Held, CaseStage.FeedbackSent, "key points and actions fed back"),
        new(CaseStage.FeedbackSent, CaseStage.Arranging, "further review agreed"),
        new(CaseStage.FeedbackSent, CaseStage.Closed, "no further review: case closed"),
    ];

    public static IReadOnlyList<CaseStage> NextFrom(CaseStage from) =>
        All.Where(t => t.From == from).Select(t => t.To).ToList();

    public static bool Allows(CaseStage from, CaseStage to) => All.Any(t => t.From == from && t.To == to);

    public static CaseTransition? Find(CaseStage from, CaseStage to) =>
        All.FirstOrDefault(t => t.From == from && t.To == to);

    public static TransitionCheck Check(CaseStage from, CaseStage to)
    {
        if (Allows(from, to)) return TransitionCheck.Yes;

        var fromWords = CaseStageWords.Display(from);
        if (from == to)
            return new(false, $"The case is already at \"{fromWords}\".");

        var next = NextFrom(from);
        if (next.Count == 0)
            return new(false, $"The case is \"{fromWords}\", so it cannot move on to \"{CaseStageWords.Display(to)}\".");

        var options = string.Join(" or ", next.Select(s => $"\"{CaseStageWords.Display(s)}\""));
        return new(false,
            $"A case at \"{fromWords}\" cannot move to \"{CaseStageWords.Display(to)}\"; it can only move to {options}.");
    }

    /// <summary>Returns the transition, or throws <see cref="CaseTransitionRefusedException"/> with the reason.</summary>
    public static CaseTransition Require(CaseStage from, CaseStage to)
    {
        var check = Check(from, to);
        if (!check.Allowed) throw new CaseTransitionRefusedException(from, to, check.Reason!);
        return Find(from, to)!;
    }
}
