using TeamsSafeguarding.Escalation.Referrals;
using Drafts = TeamsSafeguarding.Tests.Escalation.Referrals.Drafts;
using F = TeamsSafeguarding.Escalation.Referrals.ReferralFields;

namespace TeamsSafeguarding.Tests.Referrals;

/// <summary>Complete referrals with more than one risk, and the worst case for card size.</summary>
internal static class RiskDrafts
{
    public static ReferralDraft WithRisk(this ReferralDraft draft, int n, string worries, int likelihoodAfter, int impactAfter) => Drafts.Fill(draft,
        new Dictionary<string, string?>
        {
            [F.Risk(n, F.RiskPart.Worries)] = worries,
            [F.Risk(n, F.RiskPart.WorkingWell)] = $"Working well on risk {n}",
            [F.Risk(n, F.RiskPart.ActionsTaken)] = $"Actions on risk {n}",
            [F.Risk(n, F.RiskPart.LikelihoodBefore)] = "5",
            [F.Risk(n, F.RiskPart.ImpactBefore)] = "5",
            [F.Risk(n, F.RiskPart.LikelihoodAfter)] = likelihoodAfter.ToString(),
            [F.Risk(n, F.RiskPart.ImpactAfter)] = impactAfter.ToString(),
        });

    /// <summary>The complete test referral with three risks: fire (1), falls (2, the highest after mitigation: 5 x 4 = 20, "Extreme"), and exploitation (3).</summary>
    public static ReferralDraft Three() => Drafts.Complete().WithRiskAdded().WithRiskAdded()
        .WithRisk(2, "Falls on the stairs at night", 5, 4)
        .WithRisk(3, "Financial exploitation by a neighbour", 2, 2);

    /// <summary>
    /// The most risks, and every plain text answer at its longest (made of <paramref name="fill"/>, repeated): the
    /// biggest the cards can get. Every list is fully ticked.
    /// </summary>
    public static ReferralDraft Largest(string fill = "w")
    {
        var draft = Drafts.Complete();
        while (draft.RiskCount < ReferralForm.MaxRisks) draft = draft.WithRiskAdded();
        foreach (var section in ReferralForm.Sections)
        foreach (var field in section.FieldsFor(draft.RiskCount))
        {
            if (field.Kind is FieldKind.Text or FieldKind.Multiline && field.Format == TextFormat.Plain)
                draft = draft.With(field.Id, string.Concat(Enumerable.Repeat(fill, field.MaxLength!.Value / fill.Length)));
            else if (field.Kind == FieldKind.MultiChoice)
                draft = draft.With(field.Id, string.Join(",", field.Choices.Select(c => c.Value)));
            else if (field.Kind == FieldKind.Number)
                draft = draft.With(field.Id, "3");
        }
        return draft;
    }
}
