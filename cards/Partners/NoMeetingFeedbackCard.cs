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
            // One paragraph each, across the whole width: a fact table's narrow value column would wrap a sentence into a tower.
            body.AddRange(input.Actions.Select((action, i) => new TextBlock
            {
                Text = $"**{i + 1}.** {CardText.Plain(action.Description, 300)} **Owner:** {CardText.Plain(action.Owner, 100)}. **By:** {action.Due}.",
                Spacing = Spacing.Small,
            }));
        }
        else
        {
            body.Add(new TextBlock { Text = "No further actions were agreed.", IsSubtle = true });
        }
        return new AdaptiveCard { Body = body };
    }
}
