namespace TeamsSafeguarding.Cards.Referrals;

/// <summary>The full referral, shown only to the person who asked (the invoke answer), never posted to a channel.</summary>
public static class CaseDetailsCard
{
    public static AdaptiveCard Build(string reference, int version, IReadOnlyList<ReviewSectionView> sections)
    {
        var body = new List<ICardElement>
        {
            ReferralCardParts.Heading($"Referral {CardText.Plain(reference, maxLength: 40)}"),
            new TextBlock { Text = $"Version {version}. Shown to you alone; please do not copy these details into the channel.", IsSubtle = true, Spacing = Spacing.Small },
        };
        foreach (var section in sections)
        {
            body.Add(new TextBlock { Text = section.Title, Weight = TextWeight.Bolder, Size = TextSize.Medium, Separator = true });
            body.Add(new FactSet { Facts = [.. section.Lines.Select(l => new Fact(l.Label, CardText.Plain(l.Value, maxLength: 4000)))] });
        }
        return new AdaptiveCard { Body = body };
    }
}
