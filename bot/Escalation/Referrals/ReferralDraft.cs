using System.Collections.Immutable;

namespace TeamsSafeguarding.Escalation.Referrals;

/// <summary>
/// A referral being filled in, possibly half done. Answers are kept as the strings the cards sent, keyed
/// by field id, so a bad entry ("abc" for a score) survives to be shown back with its error rather than
/// silently vanishing. <see cref="ReferralReader"/> turns a complete, valid draft into a typed <see cref="Referral"/>.
/// </summary>
public sealed record ReferralDraft(RouteAnswers Route, ImmutableDictionary<string, string> Answers, int RiskCount)
{
    /// <summary>A new draft after the route check, with the referrer's details prefilled where known.</summary>
    public static ReferralDraft Start(RouteAnswers route, ReferrerPrefill? prefill = null)
    {
        var draft = new ReferralDraft(route, ImmutableDictionary<string, string>.Empty, 1);
        if (prefill is null) return draft;
        return draft
            .With(ReferralFields.ReferrerName, prefill.Name)
            .With(ReferralFields.ReferrerEmail, prefill.Email)
            .With(ReferralFields.ReferrerRole, prefill.Role)
            .With(ReferralFields.ReferrerAgency, prefill.Agency);
    }

    /// <summary>The raw answer for a field, or null when empty.</summary>
    public string? Get(string fieldId) => Answers.GetValueOrDefault(fieldId);

    /// <summary>Sets (or, with null/blank, clears) one answer, cleaned as the binder cleans card input.</summary>
    public ReferralDraft With(string fieldId, string? value)
    {
        var clean = ReferralFormBinder.Clean(value);
        return this with { Answers = clean is null ? Answers.Remove(fieldId) : Answers.SetItem(fieldId, clean) };
    }

    /// <summary>"Add another risk": reveals the next risk's fields, up to <see cref="ReferralForm.MaxRisks"/>.</summary>
    public ReferralDraft WithRiskAdded() =>
        RiskCount >= ReferralForm.MaxRisks ? this : this with { RiskCount = RiskCount + 1 };

    /// <summary>Removes risk <paramref name="number"/> (1-based), moving later risks up so numbering stays 1..N.</summary>
    public ReferralDraft WithRiskRemoved(int number)
    {
        if (number < 1 || number > RiskCount) return this;
        var answers = Answers;
        for (var n = number; n <= ReferralForm.MaxRisks; n++)
            foreach (var part in ReferralFields.RiskPart.All)
            {
                var id = ReferralFields.Risk(n, part);
                var next = n < ReferralForm.MaxRisks ? Answers.GetValueOrDefault(ReferralFields.Risk(n + 1, part)) : null;
                answers = next is null ? answers.Remove(id) : answers.SetItem(id, next);
            }
        return this with { Answers = answers, RiskCount = RiskCount - 1 };
    }
}

/// <summary>What the Teams identity tells us about the referrer; any of it may be missing.</summary>
public sealed record ReferrerPrefill(string? Name, string? Email, string? Role = null, string? Agency = null);
