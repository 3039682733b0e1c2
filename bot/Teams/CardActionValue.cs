using System.Text.Json.Nodes;

namespace TeamsSafeguarding.Teams;

/// <summary>
/// The value of an "adaptiveCard/action" invoke (teams-bot-protocol.md 4.1): value.action = {type, verb, data}, and
/// value.trigger = "automatic" for a card refresh. Read once, typed: a value of the wrong shape is refused with a reason
/// (for the log, no data in it) rather than thrown on later.
/// </summary>
public sealed record CardActionValue(string Verb, JsonObject Data, bool IsAutomaticRefresh)
{
    public const string InvokeName = "adaptiveCard/action";
    public const string ExecuteType = "Action.Execute";

    public static bool IsCardAction(Activity activity) =>
        activity.Type == ActivityTypes.Invoke && activity.Name == InvokeName;

    /// <returns>The action, or null with <paramref name="problem"/> saying what is wrong with it.</returns>
    public static CardActionValue? Read(JsonNode? value, out string? problem)
    {
        problem = Problem(value);
        if (problem is not null) return null;
        var action = value!["action"]!.AsObject();
        var data = action["data"] as JsonObject ?? new JsonObject();
        return new CardActionValue(WireText.StringOf(action["verb"])!, data, WireText.StringOf(value["trigger"]) == "automatic");
    }

    private static string? Problem(JsonNode? value)
    {
        if (value is not JsonObject body) return "value is not an object";
        if (body["action"] is not JsonObject action) return "value.action is not an object";
        // Teams sends this invoke for Action.Execute only; an Action.Submit arrives as a message.
        if (WireText.StringOf(action["type"]) != ExecuteType) return "value.action.type is not Action.Execute";
        var verb = WireText.StringOf(action["verb"]);
        if (string.IsNullOrEmpty(verb)) return "value.action.verb is not a string";
        if (WireText.IdProblem(verb, "value.action.verb") is { } verbProblem) return verbProblem;
        if (action["data"] is { } data && data is not JsonObject) return "value.action.data is not an object";
        if (body.ContainsKey("trigger") && body["trigger"] is not null && WireText.StringOf(body["trigger"]) is null)
            return "value.trigger is not a string";
        return null;
    }
}
