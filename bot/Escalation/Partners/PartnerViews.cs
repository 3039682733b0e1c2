using System.Collections.Immutable;
using TeamsSafeguarding.Escalation.Cases;

namespace TeamsSafeguarding.Escalation.Partners;

public enum ViewGivenKind
{
    /// <summary>The agency's first view.</summary>
    Recorded,
    /// <summary>The agency's view was changed (by the same or another member); the earlier one stays in history.</summary>
    Changed,
    /// <summary>The same member said the same thing again with a new click: nothing to record.</summary>
    Unchanged,
    /// <summary>The same click delivered again: already recorded once.</summary>
    Duplicate,
    Refused,
}

/// <summary>The answer to giving a view: the ledger to keep (unchanged unless Recorded/Changed) and any problems.</summary>
public sealed record ViewGiven(ViewGivenKind Kind, PartnerViews Ledger, IReadOnlyList<FieldError> Problems)
{
    public bool Accepted => Kind != ViewGivenKind.Refused;
    public string? Explanation => Problems.Count == 0 ? null : string.Join(" ", Problems.Select(p => p.Message));
}

/// <summary>
/// The immutable record of the partners' views on one case: every view in the order it arrived (so every change
/// is logged), plus the casting decision if one was needed. The current view of an agency is the latest view
/// given by any of its members. Rebuild from storage with <see cref="Restore"/>.
/// </summary>
public sealed class PartnerViews
{
    public const string RationaleField = "rationale";

    private PartnerViews(DecisionRule rule, ImmutableList<PartnerView> history, CastingDecision? casting)
    {
        Rule = rule;
        History = history;
        Casting = casting;
    }

    public DecisionRule Rule { get; }
    public IReadOnlyList<PartnerView> History { get; }
    public CastingDecision? Casting { get; }

    public static PartnerViews Start(DecisionRule rule) => new(rule, [], null);

    public static PartnerViews Restore(DecisionRule rule, IEnumerable<PartnerView> history, CastingDecision? casting) =>
        new(rule, history.ToImmutableList(), casting);

    /// <summary>Each agency's latest view (agencies without a view are absent).</summary>
    public IReadOnlyDictionary<string, PartnerView> Current => CurrentAsAt(DateTimeOffset.MaxValue);

    /// <summary>Each agency's latest view among those given at or before <paramref name="instant"/>.</summary>
    public IReadOnlyDictionary<string, PartnerView> CurrentAsAt(DateTimeOffset instant)
    {
        var current = new Dictionary<string, PartnerView>();
        foreach (var view in History.Where(v => v.GivenAt <= instant))
            current[view.AgencyId] = view;
        return current;
    }

    public IReadOnlyList<PartnerAgency> AgenciesWithoutView()
    {
        var current = Current;
        return Rule.Electorate.Where(a => !current.ContainsKey(a.Id)).ToList();
    }

    /// <summary>
    /// Adds a view unless the decision has already been made (then it is refused with an explanation).
    /// A re-delivered click (same request id, same content) is recorded once, even after the decision.
    /// </summary>
    public ViewGiven Give(PartnerView view, PartnerDecisionState decision)
    {
        var sameRequest = History.FirstOrDefault(v => v.RequestId == view.RequestId);
        if (sameRequest is not null)
        {
            return sameRequest.SaysTheSameAs(view)
                ? new(ViewGivenKind.Duplicate, this, [])
                : Refuse(FieldError.Form, "This request has already been used to give a different view. Please open the card again.");
        }

        if (decision.IsDecided)
        {
            var outcome = PartnerChoiceWords.Display(decision.Outcome!.Value);
            var method = DecisionMethodWords.Display(decision.Method!.Value).ToLowerInvariant();
            return Refuse(FieldError.Form,
                $"The statutory partners' decision has already been made ({outcome}, by {method}, " +
                $"on {DisplayDate.Of(decision.DecidedAt!.Value)}), so views can no longer be given or changed.");
        }

        var problems = new List<FieldError>();
        var agency = Rule.Agency(view.AgencyId);
        if (agency is null)
            problems.Add(new(FieldError.Form, "Your agency is not one of this board's statutory partners, so it cannot give a view."));
        if (string.IsNullOrWhiteSpace(view.MemberId) || string.IsNullOrWhiteSpace(view.RequestId))
            problems.Add(new(FieldError.Form, "We could not tell who gave this view. Please open the card again."));
        if (!Enum.IsDefined(view.Choice))
            problems.Add(new("choice", "Please choose \"Meeting required\" or \"No meeting\"."));
        if (string.IsNullOrWhiteSpace(view.Rationale))
            problems.Add(new(RationaleField, "Please give the reason for your agency's view."));
        else if (view.Rationale.Trim().Length > PartnerView.MaxRationaleLength)
            problems.Add(new(RationaleField, $"Please keep the reason to {PartnerView.MaxRationaleLength} characters."));
        if (problems.Count > 0) return new(ViewGivenKind.Refused, this, problems);

        var normalised = view with { Rationale = view.Rationale.Trim() };
        Current.TryGetValue(view.AgencyId, out var previous);
        if (previous is not null && previous.SaysTheSameAs(normalised))
            return new(ViewGivenKind.Unchanged, this, []);

        var next = new PartnerViews(Rule, ((ImmutableList<PartnerView>)History).Add(normalised), Casting);
        return new(previous is null ? ViewGivenKind.Recorded : ViewGivenKind.Changed, next, []);
    }

    internal PartnerViews WithCasting(CastingDecision casting) => new(Rule, (ImmutableList<PartnerView>)History, casting);

    private ViewGiven Refuse(string field, string message) => new(ViewGivenKind.Refused, this, [new(field, message)]);
}
