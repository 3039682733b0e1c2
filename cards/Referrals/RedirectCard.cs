namespace TeamsSafeguarding.Cards.Referrals;

/// <summary>Where to go instead of this route, in plain words.</summary>
public sealed record RedirectAdvice(string Title, string Advice);

public static class RedirectCard
{
    public static AdaptiveCard Build(IReadOnlyList<RedirectAdvice> redirects) => new()
    {
        Body =
        [
            ReferralCardParts.Heading("This route is not the right one"),
            .. redirects.SelectMany(r => new ICardElement[]
            {
                new TextBlock { Text = r.Title, Weight = TextWeight.Bolder, Spacing = Spacing.Medium },
                new TextBlock { Text = r.Advice, Spacing = Spacing.Small },
            }),
            new TextBlock { Text = "Nothing has been saved. If your answers were wrong, you can start again.", IsSubtle = true },
        ],
        Actions = [ReferralCardParts.Button("Start again", ReferralVerbs.Start, null)],
    };
}
