using System.Text.Json.Nodes;

namespace TeamsSafeguarding.Cards.Partners;

/// <summary>One agency's line on the partners' card: its current view and the rationale its rep typed (shown plain).</summary>
public sealed record AgencyViewLine(string AgencyName, string? ChoiceWords, string? Rationale);

/// <summary>
/// The partners' channel card. No personal data: reference, referring agency (a name from the board's list, or
/// "Other"), risk band word, due dates, each agency's view. Rationales are shared within the partners' group. <see cref="Decision"/> is set once decided
/// (the buttons go). <see cref="RefreshUserIds"/>: members' Teams ids (at most 60) whose clients fetch their own view.
/// </summary>
public sealed record PartnersCardInput(
    string CaseId,
    string Reference,
    string ReferringAgency,
    string RiskBand,
    bool NotTriaged,
    string ViewsDue,
    string DecisionDue,
    IReadOnlyList<AgencyViewLine> Agencies,
    string? Decision,
    IReadOnlyList<string> RefreshUserIds,
    bool AwaitingCastingDecision = false,
    string? CastingRationale = null);

/// <summary>The member's own part: their agency, its current view (pre-filled) and any problems with their last try.</summary>
public sealed record MemberViewInput(string AgencyName, string? Choice, string? Rationale, IReadOnlyDictionary<string, string>? Errors = null);

public static class PartnersVerbs
{
    public const string Refresh = "partners.refresh";
    public const string GiveView = "partners.view";
    public const string Cast = "partners.cast";
    public const string OpenResponse = "partners.response.open";
    public const string RecordResponse = "partners.response";
}

public static class PartnersCard
{
    public const string ChoiceId = "choice";
    public const string RationaleId = "rationale";
    public const string CastingRationaleId = "castingRationale";
    public const string MeetingRequired = "MeetingRequired";
    public const string NoMeeting = "NoMeeting";
    public const int MaxRefreshUsers = 60;

    /// <summary>What everyone sees (and what the channel message holds).</summary>
    public static AdaptiveCard ReadOnly(PartnersCardInput input) => Card(input, Common(input), []);

    /// <summary>What a member of a statutory partner agency sees: the same, plus their agency's choice and a button.</summary>
    public static AdaptiveCard ForMember(PartnersCardInput input, MemberViewInput member)
    {
        var body = Common(input);
        if (input.Decision is not null) return Card(input, body, []);
        var errors = member.Errors ?? new Dictionary<string, string>();
        body.Add(new TextBlock { Text = $"Your agency's view ({CardText.Plain(member.AgencyName)})", Weight = TextWeight.Bolder, Separator = true });
        if (errors.TryGetValue("form", out var formError))
            body.Add(new TextBlock { Text = CardText.Plain(formError), Color = TextColor.Attention });
        body.Add(new ChoiceSetInput
        {
            Id = ChoiceId,
            Label = "Is a senior management review meeting required?",
            Style = ChoiceInputStyle.Expanded,
            IsRequired = true,
            ErrorMessage = "Please choose one.",
            Value = member.Choice,
            Choices =
            [
                new Choice("Meeting required", MeetingRequired),
                new Choice("No meeting (email review / further single-agency work)", NoMeeting),
            ],
        });
        if (errors.TryGetValue(ChoiceId, out var choiceError))
            body.Add(new TextBlock { Text = CardText.Plain(choiceError), Color = TextColor.Attention });
        body.Add(new TextInput
        {
            Id = RationaleId, Label = "Reason for your agency's view", IsMultiline = true, MaxLength = 2000,
            IsRequired = true, ErrorMessage = "Please give the reason.", Value = member.Rationale,
        });
        if (errors.TryGetValue(RationaleId, out var rationaleError))
            body.Add(new TextBlock { Text = CardText.Plain(rationaleError), Color = TextColor.Attention });
        return Card(input, body,
            [new ExecuteAction { Title = "Give view", Verb = PartnersVerbs.GiveView, Data = new JsonObject { ["caseId"] = input.CaseId }, Style = ActionStyle.Positive }]);
    }

    /// <summary>
    /// For the chair (or the DBM, by the board's setting) once the decision deadline has passed without a majority:
    /// the views so far, and the casting decision with its required rationale.
    /// </summary>
    public static AdaptiveCard ForCasting(PartnersCardInput input, string castingBy, IReadOnlyDictionary<string, string>? errors = null,
        string? typedChoice = null, string? typedRationale = null)
    {
        var body = Common(input);
        if (input.Decision is not null) return Card(input, body, []);
        errors ??= new Dictionary<string, string>();
        body.Add(new TextBlock { Text = $"No majority by the deadline: the {castingBy} makes the decision", Weight = TextWeight.Bolder, Separator = true });
        if (errors.TryGetValue("form", out var formError))
            body.Add(new TextBlock { Text = CardText.Plain(formError), Color = TextColor.Attention });
        body.Add(new ChoiceSetInput
        {
            Id = ChoiceId, Label = "Decision", Style = ChoiceInputStyle.Expanded, IsRequired = true, ErrorMessage = "Please choose one.",
            Value = typedChoice,
            Choices = [new Choice("Meeting required", MeetingRequired), new Choice("No meeting (email review / further single-agency work)", NoMeeting)],
        });
        if (errors.TryGetValue("castingOutcome", out var outcomeError))
            body.Add(new TextBlock { Text = CardText.Plain(outcomeError), Color = TextColor.Attention });
        body.Add(new TextInput
        {
            Id = CastingRationaleId, Label = "Rationale for the decision", IsMultiline = true, MaxLength = 4000,
            IsRequired = true, ErrorMessage = "Please give the rationale.", Value = typedRationale,
        });
        if (errors.TryGetValue(CastingRationaleId, out var rationaleError))
            body.Add(new TextBlock { Text = CardText.Plain(rationaleError), Color = TextColor.Attention });
        return Card(input, body,
            [new ExecuteAction { Title = "Record the decision", Verb = PartnersVerbs.Cast, Data = new JsonObject { ["caseId"] = input.CaseId }, Style = ActionStyle.Positive }]);
    }

    private static List<ICardElement> Common(PartnersCardInput input)
    {
        var facts = new List<Fact>
        {
            new("Stage", input.Decision is not null ? "Decided" : input.AwaitingCastingDecision ? "Awaiting casting decision" : "With statutory partners"),
            new("Referring agency", CardText.Plain(input.ReferringAgency)),
            new("Risk", input.RiskBand),
            new("Views due", input.ViewsDue),
            new("Decision due", input.DecisionDue),
            new("Views given", $"{input.Agencies.Count(a => a.ChoiceWords is not null)} of {input.Agencies.Count}"),
        };
        var body = new List<ICardElement>
        {
            new TextBlock { Text = $"Referral {input.Reference}: statutory partners' views", Weight = TextWeight.Bolder, Size = TextSize.Medium },
        };
        if (input.NotTriaged)
            body.Add(new TextBlock { Text = "Triage not completed: the deputy board manager was absent.", Color = TextColor.Warning, Weight = TextWeight.Bolder });
        body.Add(new FactSet { Facts = facts });
        if (input.Decision is not null)
            body.Add(new TextBlock { Text = input.Decision, Weight = TextWeight.Bolder, Color = TextColor.Good });
        // Why the chair (or DBM) decided, shared with the group like the agencies' own reasons.
        if (input.Decision is not null && !string.IsNullOrWhiteSpace(input.CastingRationale))
            body.Add(new TextBlock { Text = CardText.Plain(input.CastingRationale, 2000, keepLineBreaks: true), Spacing = Spacing.Small });
        foreach (var agency in input.Agencies)
        {
            body.Add(new TextBlock { Text = $"{CardText.Plain(agency.AgencyName)}: {agency.ChoiceWords ?? "No view yet"}", Weight = TextWeight.Bolder, Separator = true });
            if (!string.IsNullOrWhiteSpace(agency.Rationale))
                body.Add(new TextBlock { Text = CardText.Plain(agency.Rationale, 2000, keepLineBreaks: true), Spacing = Spacing.Small });
        }
        if (input.Decision is null)
            body.Add(new TextBlock
            {
                Text = input.AwaitingCastingDecision
                    ? "Action needed: the casting decision (no majority by the deadline)"
                    : "Action needed: each statutory partner to give its view",
                IsSubtle = true,
            });
        return body;
    }

    private static AdaptiveCard Card(PartnersCardInput input, List<ICardElement> body, IReadOnlyList<ICardAction> actions) => new()
    {
        Body = body,
        Actions = actions,
        Refresh = new CardRefresh
        {
            Action = new ExecuteAction { Title = "Refresh", Verb = PartnersVerbs.Refresh, Data = new JsonObject { ["caseId"] = input.CaseId } },
            UserIds = input.RefreshUserIds.Take(MaxRefreshUsers).ToList(),
        },
    };
}
