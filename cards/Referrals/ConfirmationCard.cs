namespace TeamsSafeguarding.Cards.Referrals;

/// <summary>After submit: the reference and what happens next.</summary>
public static class ConfirmationCard
{
    public static AdaptiveCard Build(string reference, int version, bool coordinatorsTold) => new()
    {
        Body =
        [
            ReferralCardParts.Heading("Referral submitted"),
            new FactSet
            {
                Facts =
                [
                    new Fact("Reference", CardText.Plain(reference, maxLength: 40)),
                    new Fact("Version", version.ToString()),
                ],
            },
            new TextBlock
            {
                Text = coordinatorsTold
                    ? "The board's coordinators have been told. The deputy board manager will check it against the criteria; " +
                      "if something is missing it comes back to you saying what."
                    : "Your referral is stored safely, but the board's coordinators' channel is not set up yet, so nobody has been " +
                      "alerted automatically. Please tell the board's business unit your reference.",
            },
            new TextBlock
            {
                Text = "The statutory partners then give their views within 5 working days and decide within 10. Type \"my referrals\" to see where it stands.",
                IsSubtle = true,
            },
        ],
        Actions = [ReferralCardParts.Button("My referrals", ReferralVerbs.List, null)],
    };
}
