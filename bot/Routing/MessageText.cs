using System.Net;
using System.Text.RegularExpressions;
using TeamsSafeguarding.Teams;

namespace TeamsSafeguarding.Routing;

public static partial class MessageText
{
    /// <summary>
    /// The words a person typed to the bot: its @mention removed (as the SDK's RemoveMentionText does, using the
    /// mention entities that point at the bot), HTML entities decoded, whitespace collapsed.
    /// </summary>
    public static string Normalize(Activity activity)
    {
        var text = activity.Text ?? "";
        foreach (var entity in activity.Entities ?? [])
        {
            if (entity["type"]?.GetValue<string>() != "mention") continue;
            var mentionedId = entity["mentioned"]?["id"]?.GetValue<string>();
            if (mentionedId is null || !string.Equals(mentionedId, activity.Recipient?.Id, StringComparison.OrdinalIgnoreCase)) continue;
            var mentionText = entity["text"]?.GetValue<string>();
            if (!string.IsNullOrEmpty(mentionText))
                text = Regex.Replace(text, Regex.Escape(mentionText), " ", RegexOptions.IgnoreCase);
        }
        text = Tags().Replace(text, " ");
        text = WebUtility.HtmlDecode(text).Replace('\u00A0', ' ');
        return Spaces().Replace(text, " ").Trim();
    }

    [GeneratedRegex("<[^>]*>")]
    private static partial Regex Tags();

    [GeneratedRegex(@"\s+")]
    private static partial Regex Spaces();
}
