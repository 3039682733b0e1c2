using TeamsSafeguarding.Escalation.Cases;
namespace TeamsSafeguarding.Escalation.Referrals;

/// <summary>The three gating answers asked, on one short card, before the referral form starts.</summary>
public sealed record RouteAnswers(bool UrgentRisk, bool ProfessionalDisagreement, bool LacksCapacityForDecision);

public enum RedirectReason
{
    UrgentRisk,
    LacksCapacity,
    ProfessionalDisagreement,
}

/// <summary>Where to go instead, in plain words.</summary>
public sealed record Redirect(RedirectReason Reason, string Title, string Advice);

/// <summary>Proceed when there are no redirects; otherwise every redirect that applies, most pressing first.</summary>
public sealed record RouteCheckResult(IReadOnlyList<Redirect> Redirects)
{
    public bool Proceed => Redirects.Count == 0;
}

/// <summary>Is this escalation route the right one? Answers "no" to all three gates, or says where to go.</summary>
public static class RouteCheck
{
    public const string UrgentRiskFieldId = "route.urgentRisk";
    public const string ProfessionalDisagreementFieldId = "route.professionalDisagreement";
    public const string LacksCapacityFieldId = "route.lacksCapacity";

    /// <summary>The questions, in the order the card asks them.</summary>
    public static IReadOnlyList<(string FieldId, string Question)> Questions { get; } =
    [
        (UrgentRiskFieldId, "Is the person at immediate or urgent risk?"),
        (ProfessionalDisagreementFieldId, "Is this mainly a disagreement between professionals or agencies?"),
        (LacksCapacityFieldId, "Does the person lack capacity for the decision in question?"),
    ];

    /// <summary>Shown on the route card: a common misuse of the route.</summary>
    public const string Note =
        "This route is for long-term, chronic risk that multi-agency work has not reduced. " +
        "Trouble getting agencies to come to meetings is not, by itself, a reason to escalate.";

    public static Redirect UrgentRiskRedirect { get; } = new(
        RedirectReason.UrgentRisk,
        "Act now under local safeguarding procedures",
        "This route is for long-term chronic risk, not immediate danger. Follow your local safeguarding procedures now " +
        "and talk to your safeguarding lead. If someone's life is at risk, call 999.");

    public static Redirect LacksCapacityRedirect { get; } = new(
        RedirectReason.LacksCapacity,
        "Use best-interests decision making",
        "This route is for people who have capacity for the decision but keep refusing help. Where the person lacks " +
        "capacity for the decision, follow the Mental Capacity Act best-interests process instead.");

    public static Redirect ProfessionalDisagreementRedirect { get; } = new(
        RedirectReason.ProfessionalDisagreement,
        "Use the managing professional difficulties procedure",
        "Disagreements between professionals or agencies go through the board's procedure for managing professional " +
        "difficulties (escalation and resolution), not this route.");

    public static RouteCheckResult Evaluate(RouteAnswers answers)
    {
        var redirects = new List<Redirect>();
        // Urgent risk first: safety before anything else. Capacity next: it changes the whole legal footing.
        if (answers.UrgentRisk) redirects.Add(UrgentRiskRedirect);
        if (answers.LacksCapacityForDecision) redirects.Add(LacksCapacityRedirect);
        if (answers.ProfessionalDisagreement) redirects.Add(ProfessionalDisagreementRedirect);
        return new RouteCheckResult(redirects);
    }

    /// <summary>
    /// Reads the route card's inputs ("yes"/"no" choices, or "true"/"false" toggles). Any question left
    /// unanswered or answered with garbage becomes a field error; it never throws.
    /// </summary>
    public static (RouteAnswers? Answers, IReadOnlyList<FieldError> Errors) Read(IReadOnlyDictionary<string, string?> inputs)
    {
        var errors = new List<FieldError>();
        bool? Answer(string fieldId)
        {
            inputs.TryGetValue(fieldId, out var raw);
            var value = FieldValues.ParseYesNo(raw);
            if (value is null) errors.Add(new FieldError(fieldId, "Answer yes or no"));
            return value;
        }
        var urgent = Answer(UrgentRiskFieldId);
        var disagreement = Answer(ProfessionalDisagreementFieldId);
        var capacity = Answer(LacksCapacityFieldId);
        return errors.Count > 0
            ? (null, errors)
            : (new RouteAnswers(urgent!.Value, disagreement!.Value, capacity!.Value), errors);
    }
}
