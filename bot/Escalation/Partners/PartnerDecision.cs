using TeamsSafeguarding.Escalation.Cases;

namespace TeamsSafeguarding.Escalation.Partners;

/// <summary>The answer to a casting decision: the ledger to keep and the decided state, or the problems.</summary>
public sealed record CastResult(PartnerViews Ledger, PartnerDecisionState State, IReadOnlyList<FieldError> Problems)
{
    public bool Accepted => Problems.Count == 0;
}

/// <summary>
/// Works out the partners' decision from the ledger. Pure: "now" and the decision deadline (the end of working
/// day 10, computed by the calendar) are inputs.
///
/// Rules (domain.md section 2 defaults): one current view per agency; with early decision on, the decision is
/// made the moment an absolute majority of the electorate agrees, and it is final. With early decision off,
/// the views as they stood at the deadline decide. With no majority once the deadline has passed, the chair
/// (or DBM, by setting) casts the decision; views may still be given meanwhile to inform it, but a majority
/// formed after the deadline does not decide by itself. A view given after the decision by an agency that had none is
/// recorded as late and never counted.
/// </summary>
public static class PartnerDecision
{
    public const string CastingRationaleField = "castingRationale";

    public static PartnerDecisionState Evaluate(PartnerViews ledger, DateTimeOffset now, DateTimeOffset decisionDue)
    {
        var atDeadline = ledger.AsAt(decisionDue);

        // With early decision, the first moment a majority agreed (before the deadline) is the decision, and it is final:
        // views are refused from then on, so the agreeing views are still the current ones.
        if (ledger.Rule.EarlyDecision && MajorityOf(ledger, atDeadline) is { } early)
            return Decided(ledger, atDeadline, early, DecisionMethod.EarlyMajority, MomentAgreed(ledger, atDeadline, early), null);

        if (now <= decisionDue)
            return new(DecisionStatus.Undecided, TallyOf(ledger, ledger.Current));

        if (MajorityOf(ledger, atDeadline) is { } majority)
            return Decided(ledger, atDeadline, majority, DecisionMethod.MajorityAtDeadline, decisionDue, null);

        if (ledger.Casting is { } casting)
            return Decided(ledger, ledger.Current, casting.Outcome, DecisionMethod.Chair, casting.At, casting);

        return new(DecisionStatus.AwaitingCastingDecision, TallyOf(ledger, ledger.Current));
    }

    /// <summary>
    /// Gives a view against the decision as it stands when the view was given: the call the card handler makes.
    /// </summary>
    public static ViewGiven GiveView(PartnerViews ledger, PartnerView view, DateTimeOffset decisionDue) =>
        ledger.Give(view, Evaluate(ledger, view.GivenAt, decisionDue));

    /// <summary>
    /// Records the casting decision. Refused unless the deadline has passed without a majority, the actor is the
    /// one the board has set, and a rationale is given. The same click delivered twice is accepted once.
    /// </summary>
    public static CastResult Cast(PartnerViews ledger, CastingDecision casting, DateTimeOffset decisionDue)
    {
        if (ledger.Casting is { } existing && existing == casting with { Rationale = (casting.Rationale ?? "").Trim() })
            return new(ledger, Evaluate(ledger, casting.At, decisionDue), []);

        var state = Evaluate(ledger, casting.At, decisionDue);
        var problems = new List<FieldError>();
        switch (state.Status)
        {
            case DecisionStatus.Decided:
                return new(ledger, state, [new(FieldError.Form,
                    $"The statutory partners' decision has already been made ({PartnerChoiceWords.Display(state.Outcome!.Value)}, " +
                    $"by {DecisionMethodWords.Display(state.Method!.Value).ToLowerInvariant()}), so no casting decision is needed.")]);
            case DecisionStatus.Undecided:
                return new(ledger, state, [new(FieldError.Form,
                    "The partners still have time to reach a majority. A casting decision can be made only after the decision deadline has passed without one.")]);
        }

        if (casting.Actor != ledger.Rule.CastingBy)
            problems.Add(new(FieldError.Form, ledger.Rule.CastingBy == CastingActor.Chair
                ? "This board has set the chair to make the casting decision."
                : "This board has set the deputy board manager to make the casting decision."));
        if (string.IsNullOrWhiteSpace(casting.DecidedBy) || string.IsNullOrWhiteSpace(casting.RequestId))
            problems.Add(new(FieldError.Form, "We could not tell who made this decision. Please open the card again."));
        if (!Enum.IsDefined(casting.Outcome))
            problems.Add(new("castingOutcome", "Please choose \"Meeting required\" or \"No meeting\"."));
        if (string.IsNullOrWhiteSpace(casting.Rationale))
            problems.Add(new(CastingRationaleField, "Please give the rationale for the casting decision."));
        else if (casting.Rationale.Trim().Length > CastingDecision.MaxRationaleLength)
            problems.Add(new(CastingRationaleField, $"Please keep the rationale to {CastingDecision.MaxRationaleLength} characters."));
        if (problems.Count > 0) return new(ledger, state, problems);

        var next = ledger.WithCasting(casting with { Rationale = (casting.Rationale ?? "").Trim() });
        return new(next, Evaluate(next, casting.At, decisionDue), []);
    }

    // Only the electorate's views count, so a view restored from an old configuration cannot tip the balance.
    private static IEnumerable<PartnerView> Counted(PartnerViews ledger, IReadOnlyDictionary<string, PartnerView> current) =>
        current.Values.Where(v => ledger.Rule.Agency(v.AgencyId) is not null);

    private static PartnerChoice? MajorityOf(PartnerViews ledger, IReadOnlyDictionary<string, PartnerView> current)
    {
        foreach (var group in Counted(ledger, current).GroupBy(v => v.Choice))
            if (group.Count() >= ledger.Rule.Threshold) return group.Key;
        return null;
    }

    /// <summary>When the agreeing agencies first made a majority: the threshold-th of their views to arrive.</summary>
    private static DateTimeOffset MomentAgreed(PartnerViews ledger, IReadOnlyDictionary<string, PartnerView> views, PartnerChoice choice) =>
        Counted(ledger, views).Where(v => v.Choice == choice).Select(v => v.GivenAt).Order().ElementAt(ledger.Rule.Threshold - 1);

    private static PartnerDecisionState Decided(
        PartnerViews ledger, IReadOnlyDictionary<string, PartnerView> current, PartnerChoice outcome,
        DecisionMethod method, DateTimeOffset at, CastingDecision? casting) =>
        new(DecisionStatus.Decided, TallyOf(ledger, current), outcome, method, at, casting);

    private static ViewTally TallyOf(PartnerViews ledger, IReadOnlyDictionary<string, PartnerView> current)
    {
        var counted = Counted(ledger, current).ToList();
        return new(counted.Count(v => v.Choice == PartnerChoice.MeetingRequired),
            counted.Count(v => v.Choice == PartnerChoice.NoMeeting),
            ledger.Rule.Electorate.Where(a => !current.ContainsKey(a.Id)).ToList(),
            ledger.Rule.Threshold);
    }
}
