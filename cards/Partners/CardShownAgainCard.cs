using System.Text.Json.Nodes;

namespace TeamsSafeguarding.Cards.Partners;

/// <summary>
/// The answer, in the thread where someone typed "case SAB-…", saying the case's card has been posted again as a new
/// message. In the partners' channel it offers "Open my view", as the shared card itself does: each member gets their own
/// agency's part by refreshing the card (automatic in Teams only for members whose Teams id is known; never in the
/// Agents Playground), so the button is the way in for everyone else. No personal data: the reference only.
/// </summary>
public static class CardShownAgainCard
{
    public static AdaptiveCard Build(string caseId, string reference, string whatWasPosted, bool offerOwnView) => new()
    {
        Body =
        [
            new TextBlock { Text = $"Referral {reference}", Weight = TextWeight.Bolder, Size = TextSize.Medium },
            new TextBlock { Text = $"{whatWasPosted} is posted again as a new message in this channel. Later changes update that copy." },
        ],
        Actions = offerOwnView
            ? [new ExecuteAction { Title = "Open my view", Verb = PartnersVerbs.Refresh, Data = new JsonObject { ["caseId"] = caseId }, Style = ActionStyle.Positive }]
            : [],
    };

    /// <summary>What the earlier copy turns into once the card is posted again, so nobody acts on a stale copy.</summary>
    public static AdaptiveCard Moved(string reference, string postedOn) => new()
    {
        Body =
        [
            new TextBlock { Text = $"Referral {reference}", Weight = TextWeight.Bolder, Size = TextSize.Medium },
            new TextBlock { Text = $"This card was posted again on {postedOn}. The up-to-date copy is further down this channel.", IsSubtle = true },
        ],
    };
}
