namespace TeamsSafeguarding.Escalation.Partners;

/// <summary>A statutory partner agency: one vote in the partners' decision, whoever of its reps gives the view.</summary>
public sealed record PartnerAgency(string Id, string DisplayName);

public static class PartnerAgencies
{
    /// <summary>The usual three (Care Act 2014 s43, Sch 2). Boards spanning two ICBs or forces configure more.</summary>
    public static IReadOnlyList<PartnerAgency> Defaults { get; } =
    [
        new("local-authority", "Local authority (adult social care)"),
        new("police", "Police"),
        new("nhs-icb", "NHS integrated care board"),
    ];
}
