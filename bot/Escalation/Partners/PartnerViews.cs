using System.Collections.Immutable;
using TeamsSafeguarding.Escalation.Cases;

namespace TeamsSafeguarding.Escalation.Partners;

public enum ViewGivenKind
{
    /// <summary>The agency's first view.</summary>
    Recorded,
    /// <summary>The agency's view was changed (by the same or another member); the change is in the case log.</summary>
    Changed,
    /// <summary>The same member said the same thing again with a new click: nothing to record.</summary>
    Unchanged,
    /// <summary>The same click delivered again: already recorded once.</summary>
    Duplicate,
    /// <summary>An agency without a view gave one after the decision: recorded and shown as late, not counted.</summary>
    Late,
    Refused,
}

/// <summary>The answer to giving a view: the views to keep (unchanged unless Recorded/Changed) and any problems.</summary>
public sealed record ViewGiven(ViewGivenKind Kind, PartnerViews Ledger, IReadOnlyList<FieldError> Problems)
{
    public bool Accepted => Kind != ViewGivenKind.Refused;
    public string? Explanation => Problems.Count == 0 ? null : string.Join(" ", Problems.Select(p => p.Message));
}

/// <summary>
/// The partners' views on one case: each agency's current view (any of its members may give or change it until the
/// decision), plus the casting decision if one was needed. One entry per agency, so what is kept stays bounded however
/// often a view changes; every change is logged on the case instead. Rebuild from storage with <see cref="Restore"/>.
/// </summary>
public sealed class PartnerViews
{
    public const string RationaleField = "rationale";

    private readonly ImmutableDictionary<string, AgencyView> _byAgency;

    private PartnerViews(DecisionRule rule, ImmutableDictionary<string, AgencyView> byAgency, CastingDecision? casting)
    {
        Rule = rule;
        _byAgency = byAgency;
        Casting = casting;
    }

    public DecisionRule Rule { get; }
    public CastingDecision? Casting { get; }

    /// <summary>Each agency's standing, keyed by agency id (agencies without a view are absent).</summary>
    public IReadOnlyDictionary<string, AgencyView> ByAgency => _byAgency;

    /// <summary>How many views have been recorded in all (first views and changes).</summary>
    public int ViewsRecorded => _byAgency.Values.Sum(a => a.Times);

    public static PartnerViews Start(DecisionRule rule) => new(rule, ImmutableDictionary<string, AgencyView>.Empty, null);

    public static PartnerViews Restore(DecisionRule rule, IEnumerable<AgencyView> agencies, CastingDecision? casting) =>
        new(rule, agencies.ToImmutableDictionary(a => a.Current.AgencyId), casting);

    /// <summary>Each agency's current view, as counted: late views (given after the decision) are not.</summary>
    public IReadOnlyDictionary<string, PartnerView> Current => _byAgency.Where(p => !p.Value.Late).ToDictionary(p => p.Key, p => p.Value.Current);

    /// <summary>Views given after the decision by agencies that had none: shown, never counted.</summary>
    public IReadOnlyDictionary<string, PartnerView> Late => _byAgency.Where(p => p.Value.Late).ToDictionary(p => p.Key, p => p.Value.Current);

    /// <summary>The current views given by the decision deadline (a view given or changed after it does not count there).</summary>
    public IReadOnlyDictionary<string, PartnerView> AsAt(DateTimeOffset decisionDue) => _byAgency.Values
        .Where(a => !a.Late).Select(a => a.Current).Where(v => v.GivenAt <= decisionDue).ToDictionary(v => v.AgencyId);

    public IReadOnlyList<PartnerAgency> AgenciesWithoutView() => Rule.Electorate.Where(a => !_byAgency.ContainsKey(a.Id)).ToList();

    /// <summary>
    /// Adds a view. Once the decision is made, an agency that had no view may still give one: it is recorded as late,
    /// shown, and changes nothing; an agency that had one can no longer change it (refused with an explanation).
    /// A re-delivered click (a request id already taken) is recorded once, even after the decision.
    /// </summary>
    public ViewGiven Give(PartnerView view, PartnerDecisionState decision)
    {
        if (_byAgency.Values.FirstOrDefault(a => a.HasTaken(view.RequestId)) is { } taken)
        {
            return taken.Current.RequestId != view.RequestId || taken.Current.SaysTheSameAs(view)
                ? new(ViewGivenKind.Duplicate, this, [])
                : Refuse(FieldError.Form, "This request has already been used to give a different view. Please open the card again.");
        }

        if (decision.IsDecided && _byAgency.ContainsKey(view.AgencyId))
        {
            var outcome = PartnerChoiceWords.Display(decision.Outcome!.Value);
            var method = DecisionMethodWords.Display(decision.Method!.Value).ToLowerInvariant();
            return Refuse(FieldError.Form,
                $"The statutory partners' decision has already been made ({outcome}, by {method}, " +
                $"on {DisplayDate.Of(decision.DecidedAt!.Value)}), and your agency's view was part of it, so it can no longer be changed.");
        }

        var problems = new List<FieldError>();
        if (Rule.Agency(view.AgencyId) is null)
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
        if (decision.IsDecided)
            return new(ViewGivenKind.Late, new PartnerViews(Rule, _byAgency.SetItem(view.AgencyId, AgencyView.First(normalised, late: true)), Casting), []);
        _byAgency.TryGetValue(view.AgencyId, out var previous);
        if (previous is not null && previous.Current.SaysTheSameAs(normalised))
            return new(ViewGivenKind.Unchanged, this, []);

        var standing = previous is null ? AgencyView.First(normalised) : previous.Then(normalised);
        return new(previous is null ? ViewGivenKind.Recorded : ViewGivenKind.Changed,
            new PartnerViews(Rule, _byAgency.SetItem(view.AgencyId, standing), Casting), []);
    }

    internal PartnerViews WithCasting(CastingDecision casting) => new(Rule, _byAgency, casting);

    private ViewGiven Refuse(string field, string message) => new(ViewGivenKind.Refused, this, [new(field, message)]);
}
