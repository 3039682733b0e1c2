using System.Text.Json.Nodes;

namespace TeamsSafeguarding.Cards.Partners;

/// <summary>
/// One agency's line on the partners' card: its current view in words (null: none yet), whether it came after the
/// decision (late: shown, not counted), and the reason its member typed (shown only in private views, never on the
/// shared channel card).
/// </summary>
public sealed record AgencyViewLine(string AgencyName, string? ChoiceWords, string? Rationale, bool Late = false);

/// <summary>
/// The partners' card. The shared channel card carries no narrative: reference, referring agency (a name from the
/// board's list, or "Other"), risk band word, due dates, each agency's view in words, the decision. The reasons typed by
/// the partners and the chair are shown only in the private views of people entitled to them. <see cref="Decision"/> is
/// set once decided. <see cref="RefreshUserIds"/>: members' Teams ids (at most 60) whose clients fetch their own view.
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

/// <summary>
/// The member's own part: their agency, its current view (pre-filled) and any problems with their last try.
/// <see cref="Given"/>: the agency has a view, so they see it confirmed (with "Change my view" while undecided) unless
/// <see cref="Changing"/>.
/// </summary>
public sealed record MemberViewInput(string AgencyName, string? Choice, string? Rationale, IReadOnlyDictionary<string, string>? Errors = null)
{
    public bool Given { get; init; }
    public bool GivenLate { get; init; }
    public bool Changing { get; init; }
    /// <summary>The chosen view in words, for the confirmation.</summary>
    public string? ChoiceWords { get; init; }
}

public static class PartnersVerbs
{
    public const string Refresh = "partners.refresh";
    public const string GiveView = "partners.view";
    public const string ChangeView = "partners.change";
    public const string Cast = "partners.cast";
    public const string OpenResponse = "partners.response.open";
    public const string RecordResponse = "partners.response";
    /// <summary>"View referral": the case details, for the clicker alone (the referrals feature checks and logs each read).</summary>
    public const string ViewReferral = "case.details";
}

public static class PartnersCard
{
    public const string ChoiceId = "choice";
    public const string RationaleId = "rationale";
    public const string CastingRationaleId = "castingRationale";
    public const string MeetingRequired = "MeetingRequired";
    public const string NoMeeting = "NoMeeting";
    public const int MaxRefreshUsers = 60;
    /// <summary>How much of a reason the chair's casting card shows for each agency (a phone screen for all of them).</summary>
    public const int ReasonShown = 200;

    /// <summary>
    /// What everyone sees (and what the channel message holds): no typed reasons, and one button that opens the
    /// clicker's own view, so everyone has a way in even where Teams does not refresh the card for them.
    /// </summary>
    public static AdaptiveCard ReadOnly(PartnersCardInput input) => Card(input, Common(input), [OpenMyView(input)]);

    /// <summary>
    /// What a member of a statutory partner agency sees: the same, plus their agency's part: its view confirmed (with
    /// "Change my view" until the decision), or the form to give it (a late view after the decision), and "View referral".
    /// </summary>
    public static AdaptiveCard ForMember(PartnersCardInput input, MemberViewInput member)
    {
        var body = Common(input);
        if (input.Decision is not null && !string.IsNullOrWhiteSpace(input.CastingRationale))
            body.Add(new TextBlock { Text = "**The casting decision's reason:** " + CardText.Plain(input.CastingRationale, ReasonShown), Size = TextSize.Small, Spacing = Spacing.Small });
        var agency = CardText.Plain(member.AgencyName);
        var errors = member.Errors ?? new Dictionary<string, string>();
        if (member.Given && !member.Changing)
        {
            body.Add(Notice.Success($"Your view for {agency} is recorded: {member.ChoiceWords}{(member.GivenLate ? " (a late view, after the decision)" : "")}.", Spacing.Medium));
            if (!string.IsNullOrWhiteSpace(member.Rationale))
                body.Add(new TextBlock { Text = "**Your agency's reason:** " + CardText.Plain(member.Rationale, ReasonShown), Size = TextSize.Small, Spacing = Spacing.Small });
            return Card(input, body, input.Decision is null ? [ChangeMyView(input), ViewReferral(input)] : [ViewReferral(input) with { Style = ActionStyle.Positive }]);
        }
        body.Add(new TextBlock { Text = $"Your agency's view ({agency})", Weight = TextWeight.Bolder, Separator = true });
        if (input.Decision is not null)
            body.Add(Notice.Warning("The decision has been made. A view given now is recorded as late: it is shown, and it does not change the decision."));
        if (errors.TryGetValue("form", out var formError)) body.Add(Notice.Error(CardText.Plain(formError)));
        body.Add(Choices(member.Choice, "Is a senior management review meeting required?"));
        if (errors.TryGetValue(ChoiceId, out var choiceError)) body.Add(Notice.Error(CardText.Plain(choiceError)));
        body.Add(new TextInput
        {
            Id = RationaleId, Label = "Reason for your agency's view", IsMultiline = true, Placeholder = "Up to 2,000 characters", Value = member.Rationale,
        });
        if (errors.TryGetValue(RationaleId, out var rationaleError)) body.Add(Notice.Error(CardText.Plain(rationaleError)));
        return Card(input, body,
            [new ExecuteAction { Title = input.Decision is null ? "Give view" : "Give a late view", Verb = PartnersVerbs.GiveView, Data = Data(input), Style = ActionStyle.Positive },
             ViewReferral(input)]);
    }

    /// <summary>
    /// For the chair (or the DBM, by the board's setting) once the decision deadline has passed without a majority:
    /// the views so far with each agency's reason (shortened), and the casting decision with its required rationale.
    /// </summary>
    public static AdaptiveCard ForCasting(PartnersCardInput input, string castingBy, IReadOnlyDictionary<string, string>? errors = null,
        string? typedChoice = null, string? typedRationale = null)
    {
        var body = Common(input);
        if (input.Decision is not null) return Card(input, body, [ViewReferral(input) with { Style = ActionStyle.Positive }]);
        errors ??= new Dictionary<string, string>();
        foreach (var agency in input.Agencies.Where(a => !string.IsNullOrWhiteSpace(a.Rationale)))
            body.Add(new TextBlock
            {
                Text = $"**{CardText.Plain(agency.AgencyName)}'s reason:** {CardText.Plain(agency.Rationale, ReasonShown)}", Size = TextSize.Small, Spacing = Spacing.Small,
            });
        body.Add(new TextBlock { Text = $"No majority by the deadline: the {castingBy} makes the decision", Weight = TextWeight.Bolder, Separator = true });
        if (errors.TryGetValue("form", out var formError)) body.Add(Notice.Error(CardText.Plain(formError)));
        body.Add(Choices(typedChoice, "Decision"));
        if (errors.TryGetValue("castingOutcome", out var outcomeError)) body.Add(Notice.Error(CardText.Plain(outcomeError)));
        body.Add(new TextInput
        {
            Id = CastingRationaleId, Label = "Rationale for the decision", IsMultiline = true, Placeholder = "Up to 4,000 characters", Value = typedRationale,
        });
        if (errors.TryGetValue(CastingRationaleId, out var rationaleError)) body.Add(Notice.Error(CardText.Plain(rationaleError)));
        return Card(input, body,
            [new ExecuteAction { Title = "Record the decision", Verb = PartnersVerbs.Cast, Data = Data(input), Style = ActionStyle.Positive }, ViewReferral(input)]);
    }

    private static ChoiceSetInput Choices(string? value, string label) => new()
    {
        Id = ChoiceId, Label = label, Style = ChoiceInputStyle.Expanded, Value = value,
        Choices = [new Choice("Meeting required", MeetingRequired), new Choice("No meeting (email review / further single-agency work)", NoMeeting)],
    };

    private static List<ICardElement> Common(PartnersCardInput input)
    {
        var facts = new List<Fact>
        {
            new("Stage", input.Decision is not null ? "Decided" : input.AwaitingCastingDecision ? "Awaiting casting decision" : "With statutory partners"),
            new("Referring agency", CardText.Plain(input.ReferringAgency)),
            new("Risk", input.RiskBand),
            new("Views due", input.ViewsDue),
            new("Decision due", input.DecisionDue),
            new("Views given", $"{input.Agencies.Count(a => a.ChoiceWords is not null && !a.Late)} of {input.Agencies.Count}"),
        };
        var body = new List<ICardElement>
        {
            new TextBlock { Text = $"Referral {input.Reference}: statutory partners' views", Weight = TextWeight.Bolder, Size = TextSize.Medium },
        };
        if (input.NotTriaged)
            body.Add(Notice.Warning("**Not triaged:** the deputy board manager was away, so a coordinator sent it without triage."));
        body.Add(new FactSet { Facts = facts });
        if (input.Decision is not null) body.Add(Notice.Success($"**{input.Decision}**"));
        // Each agency's view in words; the reasons are narrative and stay out of the channel.
        body.Add(new FactSet
        {
            Separator = true,
            Facts = [.. input.Agencies.Select(a => new Fact(CardText.Plain(a.AgencyName),
                a.ChoiceWords is null ? "No view yet" : a.Late ? $"{a.ChoiceWords} (late, after the decision)" : a.ChoiceWords))],
        });
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

    private static JsonObject Data(PartnersCardInput input) => new() { ["caseId"] = input.CaseId };

    private static ExecuteAction OpenMyView(PartnersCardInput input) =>
        new() { Title = "Open my view", Verb = PartnersVerbs.Refresh, Data = Data(input), Style = ActionStyle.Positive };

    private static ExecuteAction ChangeMyView(PartnersCardInput input) =>
        new() { Title = "Change my view", Verb = PartnersVerbs.ChangeView, Data = Data(input), Style = ActionStyle.Positive };

    private static ExecuteAction ViewReferral(PartnersCardInput input) =>
        new() { Title = "View referral", Verb = PartnersVerbs.ViewReferral, Data = Data(input), AssociatedInputs = AssociatedInputs.None };

    private static AdaptiveCard Card(PartnersCardInput input, List<ICardElement> body, IReadOnlyList<ICardAction> actions) => new()
    {
        Body = body,
        Actions = actions,
        Refresh = new CardRefresh
        {
            Action = new ExecuteAction { Title = "Refresh", Verb = PartnersVerbs.Refresh, Data = Data(input) },
            UserIds = input.RefreshUserIds.Take(MaxRefreshUsers).ToList(),
        },
    };
}
