using System.Text.Json.Nodes;

namespace TeamsSafeguarding.Cards.Triage;

/// <summary>
/// Sent to the referrer's personal chat when triage returns the referral: which checks were not met and the
/// deputy board manager's note (typed text, shown plain), with a button to amend and resubmit.
/// </summary>
public static class ReturnedReferralCard
{
    public static AdaptiveCard Build(string caseId, string reference, IReadOnlyList<string> unmetChecks, string note)
    {
        var body = new List<ICardElement>
        {
            new TextBlock { Text = $"Referral {reference} has been returned to you", Weight = TextWeight.Bolder, Size = TextSize.Medium },
            new TextBlock { Text = "The deputy board manager could not send it to the statutory partners yet. These items were not evidenced:" },
        };
        foreach (var name in unmetChecks) body.Add(new TextBlock { Text = "- " + name, Spacing = Spacing.None });
        body.Add(new TextBlock { Text = "Note from triage", Weight = TextWeight.Bolder, Separator = true });
        body.Add(new TextBlock { Text = CardText.Plain(note, 2000, keepLineBreaks: true) });
        return new AdaptiveCard
        {
            Body = body,
            Actions = [new ExecuteAction { Title = "Amend and resubmit", Verb = TriageVerbs.Resume, Data = new JsonObject { ["caseId"] = caseId }, Style = ActionStyle.Positive }],
        };
    }
}
