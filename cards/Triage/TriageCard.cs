using System.Text.Json.Nodes;

namespace TeamsSafeguarding.Cards.Triage;

/// <summary>One triage check as the card shows it (the rules own the list; the card only draws it).</summary>
public sealed record TriageCheckLine(string FieldId, string Name, string Explanation);

/// <summary>
/// What the coordinators' channel card shows: no personal data (reference, stage words, referring agency,
/// risk band word, action needed). <see cref="ReferringAgency"/> is a name from the board's list of referring
/// agencies or "Other", never what a referrer typed (that stays in the case details). <see cref="Values"/> re-fills inputs after a refused submission;
/// <see cref="Errors"/> are field id => message from the triage rules.
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
    IReadOnlyDictionary<string, string?>? Values = null);

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

public static class TriageCard
{
    public const string Met = "Met";
    public const string NotMet = "NotMet";
    public const string ReturnNoteId = "returnNote";

    public static string NoteId(string fieldId) => fieldId + "Note";

    public static AdaptiveCard Build(TriageCardInput input)
    {
        var errors = input.Errors ?? new Dictionary<string, string>();
        var values = input.Values ?? new Dictionary<string, string?>();
        var body = new List<ICardElement>
        {
            new TextBlock { Text = $"Triage referral {input.Reference}", Weight = TextWeight.Bolder, Size = TextSize.Medium },
            new FactSet
            {
                Facts =
                [
                    new Fact("Stage", input.StageWords),
                    new Fact("Referring agency", CardText.Plain(input.ReferringAgency)),
                    new Fact("Risk", input.RiskBand),
                    new Fact("Version", input.Version.ToString(System.Globalization.CultureInfo.InvariantCulture)),
                    new Fact("Action needed", "Deputy board manager to triage"),
                ],
            },
        };
        if (errors.TryGetValue("form", out var formError) || errors.TryGetValue("decision", out formError))
            body.Add(new TextBlock { Text = CardText.Plain(formError), Color = TextColor.Attention });

        foreach (var check in input.Checks)
        {
            body.Add(new TextBlock { Text = check.Name, Weight = TextWeight.Bolder, Separator = true });
            body.Add(new TextBlock { Text = check.Explanation, IsSubtle = true, Size = TextSize.Small });
            body.Add(new ChoiceSetInput
            {
                Id = check.FieldId,
                Label = $"Is \"{check.Name}\" met?",
                Style = ChoiceInputStyle.Expanded,
                Choices = [new Choice("Met", Met), new Choice("Not met", NotMet)],
                Value = values.GetValueOrDefault(check.FieldId),
            });
            if (errors.TryGetValue(check.FieldId, out var checkError))
                body.Add(new TextBlock { Text = CardText.Plain(checkError), Color = TextColor.Attention });
            body.Add(new TextInput
            {
                Id = NoteId(check.FieldId), Label = "Note (optional)", IsMultiline = true, MaxLength = 1000,
                Value = values.GetValueOrDefault(NoteId(check.FieldId)),
            });
            if (errors.TryGetValue(NoteId(check.FieldId), out var noteError))
                body.Add(new TextBlock { Text = CardText.Plain(noteError), Color = TextColor.Attention });
        }

        body.Add(new TextInput
        {
            Id = ReturnNoteId, Label = "Note to the referrer (needed to return it)", IsMultiline = true, MaxLength = 2000,
            Placeholder = "What was not evidenced", Value = values.GetValueOrDefault(ReturnNoteId), Separator = true,
        });
        if (errors.TryGetValue(ReturnNoteId, out var returnError))
            body.Add(new TextBlock { Text = CardText.Plain(returnError), Color = TextColor.Attention });

        var data = new JsonObject { ["caseId"] = input.CaseId };
        return new AdaptiveCard
        {
            Body = body,
            Actions =
            [
                new ExecuteAction { Title = "Return to referrer", Verb = TriageVerbs.Return, Data = data },
                new ExecuteAction { Title = "Send to statutory partners", Verb = TriageVerbs.Send, Data = data, Style = ActionStyle.Positive },
                new ExecuteAction { Title = "Send without triage (DBM absent)", Verb = TriageVerbs.ForwardUntriaged, Data = data, AssociatedInputs = AssociatedInputs.None },
                new ExecuteAction { Title = "Show details", Verb = TriageVerbs.ShowDetails, Data = data, AssociatedInputs = AssociatedInputs.None },
            ],
        };
    }

    /// <summary>The card after triage: what happened, with no buttons but "Show details".</summary>
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
        if (input.NotTriaged) facts.Add(new("Triage", "Not completed (deputy board manager absent)"));
        return new AdaptiveCard
        {
            Body =
            [
                new TextBlock { Text = $"Referral {input.Reference}: {input.OutcomeWords}", Weight = TextWeight.Bolder, Size = TextSize.Medium },
                new FactSet { Facts = facts },
            ],
            Actions = [new ExecuteAction { Title = "Show details", Verb = TriageVerbs.ShowDetails, Data = new JsonObject { ["caseId"] = input.CaseId } }],
        };
    }
}
