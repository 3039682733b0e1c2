using System.Text.Json.Nodes;

namespace TeamsSafeguarding.Cards.Onboarding;

/// <summary>Optional board name, e.g. "Northshire Safeguarding Adults Board" (from configuration).</summary>
public sealed record WelcomeCardInput(string? BoardName = null);

/// <summary>
/// The first card in a personal chat after install: what the bot is for and how to start. Its "How this works"
/// button swaps it in place for <see cref="HowItWorks"/>, whose "Back" swaps it back.
/// </summary>
public static class WelcomeCard
{
    /// <summary>Every button's data carries {"card": "welcome"} so the bot knows which card was clicked.</summary>
    public const string CardName = "welcome";

    public static AdaptiveCard Build(WelcomeCardInput input)
    {
        var board = CardText.Plain(input.BoardName, maxLength: 120);
        return new AdaptiveCard
        {
            Body =
            [
                new TextBlock { Text = "Welcome", Size = TextSize.Large, Weight = TextWeight.Bolder },
                new TextBlock
                {
                    Text = board.Length > 0
                        ? $"I help you escalate a complex adult-safeguarding case to {board}'s statutory partners " +
                          "(the local authority, the NHS and the police) for a senior management review."
                        : "I help you escalate a complex adult-safeguarding case to the Safeguarding Adults Board's " +
                          "statutory partners (the local authority, the NHS and the police) for a senior management review.",
                    Spacing = Spacing.Small,
                },
                new TextBlock
                {
                    Text = "It is for adults with care and support needs who have capacity but keep refusing help, " +
                           "where the risk of serious harm stays high and work between agencies has not reduced it.",
                },
                new TextBlock
                {
                    Text = "Details of the person stay in this private chat. Channels only ever show case references and stages.",
                    IsSubtle = true,
                },
                new Container
                {
                    Style = ContainerStyle.Emphasis,
                    Items =
                    [
                        new TextBlock
                        {
                            Text = "This is not an emergency route. If someone is in immediate danger, call 999 " +
                                   "or follow your agency's urgent procedures.",
                            Size = TextSize.Small,
                        },
                    ],
                },
                // A row rather than a third button: three side by side are cut short on a phone.
                new Container
                {
                    Items = [new TextBlock { Text = "How an escalation works \u203A", Color = TextColor.Accent, Weight = TextWeight.Bolder }],
                    SelectAction = Button("How this works", OnboardingVerbs.HowItWorks),
                },
            ],
            Actions =
            [
                Button("Start a referral", OnboardingVerbs.StartReferral, ActionStyle.Positive),
                Button("My referrals", OnboardingVerbs.ListReferrals),
            ],
        };
    }

    /// <summary>The stages of an escalation in plain words, shown in place of the welcome card.</summary>
    public static AdaptiveCard HowItWorks() => new()
    {
        Body =
        [
            new TextBlock { Text = "How an escalation works", Size = TextSize.Large, Weight = TextWeight.Bolder },
            Step(1, "You write the referral",
                "Here, in this chat. Name the senior manager in your agency who has reviewed it. " +
                "You can save it as a draft and come back to it."),
            Step(2, "The board checks it",
                "The board's deputy manager checks it against the criteria. If something is missing, " +
                "it comes back to you saying what."),
            Step(3, "The statutory partners decide",
                "The local authority, the NHS and the police each give their view within 5 working days. " +
                "The decision, by majority, is made within 10 working days."),
            Step(4, "Review meeting or agreed response",
                "Either a senior management review meeting, arranged and chaired by the lead agency, or a response " +
                "agreed without a meeting. Either way you are told the outcome and the reasons."),
        ],
        Actions =
        [
            Button("Start a referral", OnboardingVerbs.StartReferral, ActionStyle.Positive),
            Button("Back", OnboardingVerbs.ShowWelcome),
        ],
    };

    private static ColumnSet Step(int number, string title, string text) => new()
    {
        Spacing = Spacing.Medium,
        Columns =
        [
            new Column
            {
                Width = ColumnWidth.Pixels(24),
                Items = [new TextBlock { Text = $"{number}", Weight = TextWeight.Bolder, Color = TextColor.Accent }],
            },
            new Column
            {
                Width = ColumnWidth.Stretch,
                Items =
                [
                    new TextBlock { Text = title, Weight = TextWeight.Bolder },
                    new TextBlock { Text = text, Spacing = Spacing.None },
                ],
            },
        ],
    };

    private static ExecuteAction Button(string title, string verb, ActionStyle? style = null) => new()
    {
        Title = title,
        Verb = verb,
        Style = style,
        Data = new JsonObject { ["card"] = CardName },
    };
}
