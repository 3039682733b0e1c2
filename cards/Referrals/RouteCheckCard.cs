namespace TeamsSafeguarding.Cards.Referrals;

/// <summary>One gating question: its input id and wording, plus any answer already given and its error.</summary>
public sealed record RouteQuestion(string Id, string Question, string? Answer = null, string? Error = null);

/// <summary>The three gating questions, asked before the form: yes/no each, submitted with "referral.route".</summary>
public static class RouteCheckCard
{
    public static AdaptiveCard Build(IReadOnlyList<RouteQuestion> questions, string note)
    {
        var body = new List<ICardElement>
        {
            ReferralCardParts.Heading("Before you start"),
            new TextBlock { Text = "Three questions check this is the right route.", Spacing = Spacing.Small },
        };
        foreach (var q in questions)
        {
            body.Add(new ChoiceSetInput
            {
                Id = q.Id,
                Label = q.Question,
                Style = ChoiceInputStyle.Expanded,
                Value = q.Answer,
                Choices = [new Choice("Yes", "yes"), new Choice("No", "no")],
            });
            if (q.Error is not null) body.Add(ReferralCardParts.Error(q.Error));
        }
        body.Add(new TextBlock { Text = note, IsSubtle = true, Size = TextSize.Small });
        return new AdaptiveCard
        {
            Body = body,
            Actions = [ReferralCardParts.Button("Continue", ReferralVerbs.Route, null, ActionStyle.Positive, withInputs: true)],
        };
    }
}
