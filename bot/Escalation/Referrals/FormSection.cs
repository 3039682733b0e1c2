namespace TeamsSafeguarding.Escalation.Referrals;

/// <summary>One card of the referral form ("Section 2 of 6"). Number is 1-based; the review step has none.</summary>
public sealed record FormSection(string Id, int? Number, string Title, string? Intro, IReadOnlyList<FormField> Fields)
{
    /// <summary>
    /// The fields to show given how many risks the draft has: risk fields beyond the count are hidden
    /// (the "add another risk" button reveals the next group).
    /// </summary>
    public IReadOnlyList<FormField> FieldsFor(int riskCount) =>
        Fields.Where(f => f.RiskNumber is null || f.RiskNumber <= riskCount).ToArray();
}
