namespace TeamsSafeguarding.Cards.Onboarding;

/// <summary>
/// The channels set up in this team, by display name; null when not chosen yet. Never case data: this card is
/// posted in a channel that every team member (guests too) can read.
/// </summary>
public sealed record TeamIntroductionInput(string? CoordinatorChannelName, string? PartnerChannelName);

/// <summary>Posted once when the bot is added to a team: who it is for, where it will post, and what never goes in channels.</summary>
public static class TeamIntroductionCard
{
    public const string NotSetUp = "Not set up yet";

    public static AdaptiveCard Build(TeamIntroductionInput input)
    {
        var coordinators = ChannelName(input.CoordinatorChannelName);
        var partners = ChannelName(input.PartnerChannelName);
        var noneSetUp = coordinators is null && partners is null;

        return new AdaptiveCard
        {
            Body =
            [
                new TextBlock { Text = "Hello, I'm the safeguarding escalation bot", Size = TextSize.Large, Weight = TextWeight.Bolder },
                new TextBlock
                {
                    Text = "I help the board's coordinators and statutory partners work through complex adult-safeguarding " +
                           "cases escalated for a senior management review: triage, partners' views and decisions, deadlines.",
                    Spacing = Spacing.Small,
                },
                new TextBlock { Text = "Channels I post to", Weight = TextWeight.Bolder, Spacing = Spacing.Medium },
                new FactSet
                {
                    Spacing = Spacing.Small,
                    Facts =
                    [
                        new Fact("Coordinators", coordinators ?? NotSetUp),
                        new Fact("Statutory partners", partners ?? NotSetUp),
                    ],
                },
                noneSetUp
                    ? new TextBlock { Text = "No channels are set up yet. A board administrator can choose them.", IsSubtle = true }
                    : new TextBlock { Text = "A board administrator can change these.", IsSubtle = true },
                new Container
                {
                    Style = ContainerStyle.Emphasis,
                    Spacing = Spacing.Medium,
                    Items =
                    [
                        new TextBlock { Text = "Keep personal details out of channels", Weight = TextWeight.Bolder },
                        new TextBlock
                        {
                            Text = "Everyone in this team, guests included, can read channels. My channel posts only show " +
                                   "case references, stages and due dates. Please don't type names or other details here: " +
                                   "make and discuss referrals in a private chat with me.",
                            Spacing = Spacing.Small,
                        },
                    ],
                },
                new TextBlock { Text = $"To see what I can do, @mention me and type **{Commands.Help}**.", IsSubtle = true },
            ],
        };
    }

    private static string? ChannelName(string? name)
    {
        var safe = CardText.Plain(name, maxLength: 80);
        return safe.Length == 0 ? null : safe;
    }
}
