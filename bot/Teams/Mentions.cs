using System.Text.Json.Nodes;

namespace TeamsSafeguarding.Teams;

/// <summary>
/// @mentions in a message (teams-bot-protocol.md 2.4): each mention is an "&lt;at&gt;label&lt;/at&gt;" in the text and a
/// "mention" entity with the same text and the person's Teams id. Only Teams ids ("29:…") can be mentioned.
/// </summary>
public static class Mentions
{
    /// <summary>
    /// Puts "@label" mentions of <paramref name="teamsUserIds"/> in front of <paramref name="text"/> ("@Chair 1 @Chair 2"
    /// when several people share the label). Ids that are not Teams ids are skipped; with none left nothing changes.
    /// </summary>
    public static void Add(Activity activity, IEnumerable<string> teamsUserIds, string label, string text)
    {
        var ids = teamsUserIds.Where(TeamsUserIds.IsTeamsUserId).Distinct(StringComparer.OrdinalIgnoreCase).ToList();
        if (ids.Count == 0) return;
        var names = ids.Select((_, i) => ids.Count == 1 ? label : $"{label} {i + 1}").ToList();
        activity.Text = $"{string.Join(" ", names.Select(Tag))}{text}";
        activity.Entities = [.. activity.Entities ?? [], .. ids.Select((id, i) => new JsonObject
        {
            ["type"] = "mention",
            ["text"] = Tag(names[i]),
            ["mentioned"] = new JsonObject { ["id"] = id, ["name"] = names[i] },
        })];
    }

    private static string Tag(string name) => $"<at>{name}</at>";
}
