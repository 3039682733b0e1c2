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
        foreach (var mention in ActivityReader.Mentions(activity))
        {
            if (!string.Equals(mention.MentionedId, activity.Recipient?.Id, StringComparison.OrdinalIgnoreCase)) continue;
            if (!string.IsNullOrEmpty(mention.Text))
                text = Regex.Replace(text, Regex.Escape(mention.Text), " ", RegexOptions.IgnoreCase);
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
