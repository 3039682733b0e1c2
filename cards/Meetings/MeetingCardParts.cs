using System.Text.Json.Nodes;

namespace TeamsSafeguarding.Cards.Meetings;

/// <summary>The pieces the review meeting's cards share.</summary>
internal static class MeetingCardParts
{
    public static TextBlock Heading(string text) => new() { Text = text, Weight = TextWeight.Bolder, Size = TextSize.Medium };

    public static TextBlock Hint(string text) => new() { Text = text, IsSubtle = true, Spacing = Spacing.Small };

    public static JsonObject Data(string caseId, params (string Key, string Value)[] more)
    {
        var data = new JsonObject { [MeetingVerbs.CaseIdKey] = caseId };
        foreach (var (key, value) in more) data[key] = value;
        return data;
    }
}
