namespace TeamsSafeguarding.Cards.Partners;

/// <summary>Tells the referrer and the coordinators what the statutory partners decided. No personal data.</summary>
public static class DecisionNoticeCard
{
    public static AdaptiveCard Build(string reference, string outcomeWords, string methodWords, string decidedOn, string nextStep) => new()
    {
        Body =
        [
            new TextBlock { Text = $"Referral {reference}: the statutory partners have decided", Weight = TextWeight.Bolder, Size = TextSize.Medium },
            new FactSet
            {
                Facts =
                [
                    new Fact("Decision", outcomeWords),
                    new Fact("How", methodWords),
                    new Fact("Date", decidedOn),
                    new Fact("Next", nextStep),
                ],
            },
        ],
    };
}
