using System.Text.Json.Nodes;

namespace TeamsSafeguarding.Cards.Onboarding;

public sealed record HelpCardInput(ConversationPlace Place);

/// <summary>What can be typed to the bot here. Channels and group chats need an @mention; roles are for coordinators in channels.</summary>
public static class HelpCard
{
    public const string CardName = "help";

    public static AdaptiveCard Build(HelpCardInput input)
    {
        var personal = input.Place == ConversationPlace.PersonalChat;
        List<Fact> commands =
        [
            new($"{Commands.Refer} or {Commands.NewReferral}",
                personal ? "Start a referral." : "Start a referral, in a private chat with me so the details stay private."),
            new(Commands.MyReferrals, personal ? "See your referrals and where each one is." : "See your referrals, in a private chat with me."),
            new(Commands.Help, "Show this message."),
        ];
        if (input.Place == ConversationPlace.Channel)
        {
            commands.Add(new(Commands.Roles, "Coordinators: see and manage who has which role."));
            commands.Add(new(Commands.Away, "Deputy board manager or coordinators: record when the deputy board manager is away."));
            commands.Add(new($"{Commands.Case} SAB-2026-0007", "Board members: post that case's current card here again."));
            commands.Add(new(Commands.Cases, "Board: the case register, most urgent first (coordinators' channel)."));
            commands.Add(new($"{Commands.Log} SAB-2026-0007", "Board: that case's log."));
            commands.Add(new(Commands.Measures, "Board: the quarter's measures."));
            commands.Add(new(Commands.Export, "Coordinators and auditors: the case log as a spreadsheet, in a private chat with me."));
            commands.Add(new($"{Commands.Hold} or {Commands.Release} SAB-2026-0007", "Board admins: keep a case beyond the retention period, or let it go."));
        }

        return new AdaptiveCard
        {
            Body =
            [
                new TextBlock { Text = "What you can type", Size = TextSize.Large, Weight = TextWeight.Bolder },
                new TextBlock
                {
                    Text = personal ? "Type one of these to me:" : "@mention me, then type one of these:",
                    Spacing = Spacing.Small,
                },
                new FactSet { Facts = commands },
                new TextBlock
                {
                    Text = personal
                        ? "For an emergency, call 999 or follow your agency's urgent procedures."
                        : "Please don't type names or other personal details here: everyone in this conversation can read them.",
                    IsSubtle = true,
                    Spacing = Spacing.Medium,
                },
            ],
            // Referrals hold personal details, so the buttons are offered in the private chat only.
            Actions = personal
                ?
                [
                    Button("Start a referral", OnboardingVerbs.StartReferral, ActionStyle.Positive),
                    Button("My referrals", OnboardingVerbs.ListReferrals),
                ]
                : [],
        };
    }

    private static ExecuteAction Button(string title, string verb, ActionStyle? style = null) => new()
    {
        Title = title,
        Verb = verb,
        Style = style,
        Data = new JsonObject { ["card"] = CardName },
    };
}
