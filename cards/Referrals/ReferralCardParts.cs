using System.Text.Json.Nodes;

namespace TeamsSafeguarding.Cards.Referrals;

/// <summary>Pieces every referral card shares.</summary>
internal static class ReferralCardParts
{
    public static JsonObject DataFor(string? caseId) =>
        caseId is null ? new JsonObject() : new JsonObject { [ReferralVerbs.CaseIdKey] = caseId };

    public static ExecuteAction Button(string title, string verb, string? caseId, ActionStyle? style = null, bool withInputs = false) => new()
    {
        Title = title,
        Verb = verb,
        Style = style,
        Data = DataFor(caseId),
        AssociatedInputs = withInputs ? Cards.AssociatedInputs.Auto : Cards.AssociatedInputs.None,
    };

    public static TextBlock Heading(string text) => new() { Text = text, Size = TextSize.Large, Weight = TextWeight.Bolder };

    public static TextBlock Error(string text) => new()
    {
        Text = CardText.Plain(text, maxLength: 300), Color = TextColor.Attention, Size = TextSize.Small, Spacing = Spacing.None,
    };
}
