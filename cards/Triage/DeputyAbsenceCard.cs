using System.Text.Json.Nodes;

namespace TeamsSafeguarding.Cards.Triage;

/// <summary>
/// What the "away" card shows: the absence in force (dates and who recorded it: a role, never a name), any later one,
/// and the dates typed (kept after a refused try) with their errors, keyed by input id.
/// </summary>
public sealed record DeputyAbsenceCardInput(string Status, bool CanEnd, DateOnly Today)
{
    public DateOnly? From { get; init; }
    public DateOnly? To { get; init; }
    public IReadOnlyDictionary<string, string>? Errors { get; init; }
    /// <summary>What just happened ("Recorded.", "Ended."), shown on a success panel.</summary>
    public string? Done { get; init; }
}

public static class DeputyAbsenceVerbs
{
    public const string Record = "absence.record";
    public const string End = "absence.end";
}

/// <summary>
/// The deputy board manager's absence: recorded by the deputy board manager ("I'm away") or by a coordinator (a cover
/// period). While one covers today, coordinators can send a referral to the statutory partners without triage.
/// </summary>
public static class DeputyAbsenceCard
{
    public const string FromId = "absenceFrom";
    public const string ToId = "absenceTo";

    public static AdaptiveCard Build(DeputyAbsenceCardInput input)
    {
        var errors = input.Errors ?? new Dictionary<string, string>();
        var body = new List<ICardElement>
        {
            new TextBlock { Text = "Deputy board manager away", Weight = TextWeight.Bolder, Size = TextSize.Medium },
        };
        if (input.Done is not null) body.Add(Notice.Success(input.Done));
        body.Add(new FactSet { Facts = [new Fact("Now", input.Status)] });
        body.Add(new TextBlock
        {
            Text = "While a recorded absence covers today, coordinators can send a referral to the statutory partners without triage. " +
                   "The partners are told it was not triaged.",
            IsSubtle = true, Size = TextSize.Small,
        });
        if (errors.TryGetValue("form", out var formError)) body.Add(Notice.Error(CardText.Plain(formError)));
        body.Add(new DateInput { Id = FromId, Label = "First day away", Value = input.From, Min = input.Today, Separator = true });
        if (errors.TryGetValue(FromId, out var fromError)) body.Add(Notice.Error(CardText.Plain(fromError)));
        body.Add(new DateInput { Id = ToId, Label = "Last day away", Value = input.To, Min = input.Today });
        if (errors.TryGetValue(ToId, out var toError)) body.Add(Notice.Error(CardText.Plain(toError)));
        var actions = new List<ICardAction>
        {
            new ExecuteAction { Title = "Record the absence", Verb = DeputyAbsenceVerbs.Record, Data = new JsonObject { ["card"] = "absence" }, Style = ActionStyle.Positive },
        };
        if (input.CanEnd)
            actions.Add(new ExecuteAction { Title = "End it now", Verb = DeputyAbsenceVerbs.End, Data = new JsonObject { ["card"] = "absence" }, AssociatedInputs = AssociatedInputs.None });
        return new AdaptiveCard { Body = body, Actions = actions };
    }
}
