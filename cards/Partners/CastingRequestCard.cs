using System.Text.Json.Nodes;

namespace TeamsSafeguarding.Cards.Partners;

/// <summary>What the casting request shows: reference, dates, counts and agency names only (it goes to a channel).</summary>
public sealed record CastingRequestInput(
    string CaseId,
    string Reference,
    string CastingBy,
    string DecisionDue,
    int MeetingRequired,
    int NoMeeting,
    IReadOnlyList<string> AgenciesWithoutView);

/// <summary>
/// Posted when the decision deadline passes without a majority: who must decide, and a button that opens the
/// clicker's own partners' card (the casting form for the chair or DBM, read-only for everyone else).
/// </summary>
public static class CastingRequestCard
{
    public static AdaptiveCard Build(CastingRequestInput input)
    {
        var facts = new List<Fact>
        {
            new("Stage", "Awaiting casting decision"),
            new("Decision was due", input.DecisionDue),
            new("Meeting required", input.MeetingRequired.ToString(System.Globalization.CultureInfo.InvariantCulture)),
            new("No meeting", input.NoMeeting.ToString(System.Globalization.CultureInfo.InvariantCulture)),
        };
        if (input.AgenciesWithoutView.Count > 0)
            facts.Add(new("No view from", CardText.Plain(string.Join(", ", input.AgenciesWithoutView))));
        return new AdaptiveCard
        {
            Body =
            [
                new TextBlock { Text = $"Referral {input.Reference}: casting decision needed", Weight = TextWeight.Bolder, Size = TextSize.Medium },
                new TextBlock { Text = $"The statutory partners reached no majority by the decision deadline, so the {input.CastingBy} decides, with a rationale." },
                new FactSet { Facts = facts },
                new TextBlock { Text = $"Action needed: the {input.CastingBy} to make the casting decision", IsSubtle = true },
            ],
            Actions =
            [
                new ExecuteAction
                {
                    Title = "Open the casting decision", Verb = PartnersVerbs.Refresh,
                    Data = new JsonObject { ["caseId"] = input.CaseId }, Style = ActionStyle.Positive,
                },
            ],
        };
    }
}
