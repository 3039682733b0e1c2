namespace TeamsSafeguarding.Cards.Partners;

/// <summary>One agreed further action, as shown to the referrer.</summary>
public sealed record FeedbackAction(string Description, string Owner, string Due);

/// <summary>What the referrer is told when no meeting is required (their personal chat only: it carries typed text).</summary>
public sealed record NoMeetingFeedbackInput(
    string Reference,
    string DecisionWords,
    string MethodWords,
    string DecidedOn,
    string Rationale,
    IReadOnlyList<FeedbackAction> Actions);

public static class NoMeetingFeedbackCard
{
    public static AdaptiveCard Build(NoMeetingFeedbackInput input)
    {
        var body = new List<ICardElement>
        {
            new TextBlock { Text = $"Referral {input.Reference}: the statutory partners' response", Weight = TextWeight.Bolder, Size = TextSize.Medium },
            new FactSet
            {
                Facts =
                [
                    new Fact("Decision", input.DecisionWords),
                    new Fact("How", input.MethodWords),
                    new Fact("Date", input.DecidedOn),
                ],
            },
            new TextBlock { Text = "Rationale", Weight = TextWeight.Bolder, Separator = true },
            new TextBlock { Text = CardText.Plain(input.Rationale, 2000, keepLineBreaks: true) },
        };
        if (input.Actions.Count > 0)
        {
            body.Add(new TextBlock { Text = "Further actions agreed", Weight = TextWeight.Bolder, Separator = true });
            foreach (var action in input.Actions)
                body.Add(new FactSet
                {
                    Separator = true,
                    Facts =
                    [
                        new Fact("Action", CardText.Plain(action.Description, 300)),
                        new Fact("Owner", CardText.Plain(action.Owner, 100)),
                        new Fact("By", action.Due),
                    ],
                });
        }
        else
        {
            body.Add(new TextBlock { Text = "No further actions were agreed.", IsSubtle = true });
        }
        return new AdaptiveCard { Body = body };
    }
}
