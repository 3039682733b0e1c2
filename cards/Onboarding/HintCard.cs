using System.Text.Json.Nodes;

namespace TeamsSafeguarding.Cards.Onboarding;

/// <summary>
/// The answer to a message the bot did not understand. It never repeats what was typed: that may be
/// personal detail, and in a channel everyone would see it again.
/// </summary>
public static class HintCard
{
    public const string CardName = "hint";

    /// <summary>The same hint as a plain message (Teams reads message text as markdown).</summary>
    public static string Text(ConversationPlace place) => place == ConversationPlace.PersonalChat
        ? $"Sorry, I didn't understand that. Type **{Commands.Help}** to see what I can do."
        : $"Sorry, I didn't understand that. @mention me and type **{Commands.Help}** to see what I can do.";

    public static AdaptiveCard Build(ConversationPlace place) => new()
    {
        Body = [new TextBlock { Text = Text(place) }],
        Actions =
        [
            new ExecuteAction
            {
                Title = "Show help",
                Verb = OnboardingVerbs.ShowHelp,
                Data = new JsonObject { ["card"] = CardName },
            },
        ],
    };
}
