using System.Text.Json.Nodes;

namespace TeamsSafeguarding.Cards.Board;

/// <summary>A case opened from the register: where it stands and its dates (channel-safe facts only).</summary>
public sealed record CaseSummaryInput(
    string CaseId,
    string Reference,
    string Stage,
    string ReferringAgency,
    string RiskBand,
    string? Received,
    string? StageSince,
    IReadOnlyList<(string What, string Due)> Deadlines,
    RagWord? Rag,
    string? Closed,
    bool LegalHold);

/// <summary>
/// One case from the register. "Case log" (primary) pages through its log; "Details" opens the referral itself
/// (role-checked and logged by the details feature, as "Show details" on a channel card); "All cases" returns to the register.
/// </summary>
public static class CaseSummaryCard
{
    /// <summary>The verb of the referral's "Show details" (owned by the referral feature; the same check and log apply).</summary>
    public const string ShowDetailsVerb = "referral.details";

    public static AdaptiveCard Build(CaseSummaryInput input)
    {
        var facts = new List<Fact>
        {
            new("Stage", input.Stage),
            new("Referring agency", CardText.Plain(input.ReferringAgency, maxLength: 80)),
            new("Risk", CardText.Plain(input.RiskBand, maxLength: 40)),
        };
        if (input.Received is { } received) facts.Add(new("Received", received));
        if (input.StageSince is { } since) facts.Add(new("At this stage since", since));
        facts.AddRange(input.Deadlines.Select(d => new Fact(d.What, d.Due)));
        if (input.Closed is { } closed) facts.Add(new("Closed", closed));
        if (input.LegalHold) facts.Add(new("Legal hold", "Yes: kept beyond the retention period"));
        var body = new List<ICardElement> { BoardCardParts.Heading($"Case {CardText.Plain(input.Reference, maxLength: 40)}") };
        if (input.Rag is { } rag) body.Add(BoardCardParts.Rag(rag));
        body.Add(new FactSet { Facts = facts });
        var id = new JsonObject { [BoardVerbs.CaseIdKey] = input.CaseId };
        return new AdaptiveCard
        {
            Body = body,
            Actions =
            [
                BoardCardParts.Button("Case log", BoardVerbs.ShowLog, id, ActionStyle.Positive),
                BoardCardParts.Button("Details", ShowDetailsVerb, id),
                BoardCardParts.Button("All cases", BoardVerbs.ShowRegister, new JsonObject()),
            ],
        };
    }
}
