using System.Text.Json.Nodes;

namespace TeamsSafeguarding.Cards.Triage;

/// <summary>One triage check as the card shows it (the rules own the list; the card only draws it), in plain words.</summary>
public sealed record TriageCheckLine(string FieldId, string Name, string Explanation);

/// <summary>
/// What the coordinators' channel card shows: no personal data (reference, stage words, referring agency, risk band
/// word, the day it was received, whether the deputy board manager is recorded as away, action needed).
/// <see cref="ReferringAgency"/> is a name from the board's list of referring agencies or "Other", never what a
/// referrer typed (that stays in the case details). <see cref="Values"/> re-fills inputs after a refused submission;
/// <see cref="Errors"/> are field id => message from the triage rules. <see cref="ForwardUntriaged"/>: a coordinator may
/// send it on without triage now (the board allows it, and, where the board says so, the deputy board manager is
/// recorded as away).
/// </summary>
public sealed record TriageCardInput(
    string CaseId,
    string Reference,
    string StageWords,
    string ReferringAgency,
    string RiskBand,
    int Version,
    IReadOnlyList<TriageCheckLine> Checks,
    IReadOnlyDictionary<string, string>? Errors = null,
    IReadOnlyDictionary<string, string?>? Values = null)
{
    public string? ReceivedOn { get; init; }
    /// <summary>"Available" or "Away 10 April 2026 to 17 April 2026 (…)".</summary>
    public string DeputyStatus { get; init; } = "Not recorded as away";
    public bool ForwardUntriaged { get; init; }
}

/// <summary>The read-only card the triage card becomes once it has been acted on.</summary>
public sealed record TriageOutcomeCardInput(
    string CaseId, string Reference, string ReferringAgency, string RiskBand, string OutcomeWords, string DecidedOn,
    IReadOnlyList<string> UnmetChecks, bool NotTriaged);

public static class TriageVerbs
{
    public const string Return = "triage.return";
    public const string Send = "triage.send";
    public const string ForwardUntriaged = "triage.forwardUntriaged";
    public const string ShowDetails = "case.details";
    public const string Resume = "referral.resume";
}

/// <summary>
/// The deputy board manager's triage card: the five checks as boxes to tick (ticked = met), a note for the referrer,
/// and two buttons, "Send to partners" (the statutory partners) first. The referral itself is a row that opens it for the clicker alone;
/// sending it on untriaged is a row too, offered only while the board allows it.
/// </summary>
public static class TriageCard
{
    public const string Met = "Met";
    public const string NotMet = "NotMet";
    public const string ReturnNoteId = "returnNote";

    public static AdaptiveCard Build(TriageCardInput input)
    {
        var errors = input.Errors ?? new Dictionary<string, string>();
        var values = input.Values ?? new Dictionary<string, string?>();
        var data = new JsonObject { ["caseId"] = input.CaseId };
        var facts = new List<Fact>
        {
            new("Stage", input.StageWords),
            new("Referring agency", CardText.Plain(input.ReferringAgency)),
            new("Risk", input.RiskBand),
            new("Version", input.Version.ToString(System.Globalization.CultureInfo.InvariantCulture)),
        };
        if (input.ReceivedOn is { } received) facts.Add(new("Received", received));
        facts.Add(new("Deputy board manager", input.DeputyStatus));
        var body = new List<ICardElement>
        {
            new TextBlock { Text = $"Triage referral {input.Reference}", Weight = TextWeight.Bolder, Size = TextSize.Medium },
            new TextBlock { Text = "Action needed: the deputy board manager to triage", IsSubtle = true, Size = TextSize.Small, Spacing = Spacing.None },
            new FactSet { Facts = facts },
            Row("Read the referral (shown to you alone)", new ExecuteAction
            {
                Title = "Read the referral", Verb = TriageVerbs.ShowDetails, Data = data.DeepClone().AsObject(), AssociatedInputs = AssociatedInputs.None,
            }),
        };
        if (errors.TryGetValue("form", out var formError) || errors.TryGetValue("decision", out formError))
            body.Add(Notice.Error(CardText.Plain(formError)));
        body.Add(new TextBlock { Text = "Tick each check the referral meets", Weight = TextWeight.Bolder, Separator = true, Spacing = Spacing.Medium });
        body.Add(new TextBlock
        {
            Text = "All five met: send it to the statutory partners. Any not met: return it to the referrer, saying what is missing.",
            IsSubtle = true, Size = TextSize.Small, Spacing = Spacing.None,
        });
        foreach (var check in input.Checks)
        {
            body.Add(new ToggleInput
            {
                Id = check.FieldId, Title = $"{check.Name}: {check.Explanation}", ValueOn = Met, ValueOff = NotMet,
                Value = values.GetValueOrDefault(check.FieldId) == Met ? Met : NotMet, Spacing = Spacing.Small,
            });
            if (errors.TryGetValue(check.FieldId, out var checkError)) body.Add(Notice.Error(CardText.Plain(checkError)));
        }
        body.Add(new TextInput
        {
            Id = ReturnNoteId, Label = "Note to the referrer: what is missing (needed to return it)", IsMultiline = true,
            Placeholder = "Up to 2,000 characters", Value = values.GetValueOrDefault(ReturnNoteId), Separator = true,
        });
        if (errors.TryGetValue(ReturnNoteId, out var returnError)) body.Add(Notice.Error(CardText.Plain(returnError)));
        if (input.ForwardUntriaged)
            body.Add(Row("The deputy board manager is away: send it on without triage", new ExecuteAction
            {
                Title = "Send without triage", Verb = TriageVerbs.ForwardUntriaged, Data = data.DeepClone().AsObject(), AssociatedInputs = AssociatedInputs.None,
            }));

        return new AdaptiveCard
        {
            Body = body,
            Actions =
            [
                new ExecuteAction { Title = "Send to partners", Verb = TriageVerbs.Send, Data = data, Style = ActionStyle.Positive },
                new ExecuteAction { Title = "Return to referrer", Verb = TriageVerbs.Return, Data = data },
            ],
        };
    }

    /// <summary>The card after triage: what happened, and the referral as a row that opens it.</summary>
    public static AdaptiveCard Outcome(TriageOutcomeCardInput input)
    {
        var facts = new List<Fact>
        {
            new("Outcome", input.OutcomeWords),
            new("Date", input.DecidedOn),
            new("Referring agency", CardText.Plain(input.ReferringAgency)),
            new("Risk", input.RiskBand),
        };
        if (input.UnmetChecks.Count > 0) facts.Add(new("Not met", string.Join(", ", input.UnmetChecks)));
        if (input.NotTriaged) facts.Add(new("Triage", "Not completed (deputy board manager away)"));
        return new AdaptiveCard
        {
            Body =
            [
                new TextBlock { Text = $"Referral {input.Reference}: {input.OutcomeWords}", Weight = TextWeight.Bolder, Size = TextSize.Medium },
                new FactSet { Facts = facts },
                Row("Read the referral (shown to you alone)", new ExecuteAction
                {
                    Title = "Read the referral", Verb = TriageVerbs.ShowDetails, Data = new JsonObject { ["caseId"] = input.CaseId },
                }),
            ],
        };
    }

    /// <summary>A whole-row tap target (a link in the accent colour), so the card keeps to two buttons.</summary>
    private static Container Row(string text, ExecuteAction action) => new()
    {
        Items = [new TextBlock { Text = $"{text} \u203A", Color = TextColor.Accent, Weight = TextWeight.Bolder }],
        SelectAction = action,
        Spacing = Spacing.Medium,
    };
}
