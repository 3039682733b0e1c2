using System.Text.Json.Nodes;

namespace TeamsSafeguarding.Tests.Support;

/// <summary>
/// A bot message as the Playground shows it (WS /_ws_conversation/v1/conversations/stream): a new message
/// ("createMessage") or an update of one ("updateMessage"). User messages are not echoed on this stream.
/// </summary>
public sealed record PlaygroundMessage(
    string Action,
    string ConversationId,
    string? MessageId,
    string? FromId,
    string? Text,
    JsonArray Attachments,
    JsonObject Raw)
{
    /// <summary>The Adaptive Card contents among the attachments.</summary>
    public IEnumerable<JsonObject> AdaptiveCards =>
        Attachments.OfType<JsonObject>()
            .Where(a => (string?)a["contentType"] == "application/vnd.microsoft.card.adaptive")
            .Select(a => a["content"] as JsonObject ?? (JsonNode.Parse((string?)a["content"] ?? "{}") as JsonObject)!)
            .Where(c => c is not null);

    /// <summary>Every piece of text the message shows: its text and all card text.</summary>
    public string AllText => string.Join("\n", new[] { Text ?? "" }.Concat(AdaptiveCards.SelectMany(CardText.Of)));

    internal static PlaygroundMessage? Parse(JsonObject frame)
    {
        var action = (string?)frame["action"];
        if (action is not ("createMessage" or "updateMessage")) return null;
        var message = frame["message"] as JsonObject ?? new JsonObject();
        return new PlaygroundMessage(
            action,
            (string?)frame["actionConversationId"] ?? "",
            (string?)message["messageId"],
            (string?)message["from"]?["id"],
            (string?)message["text"],
            message["attachments"] as JsonArray ?? [],
            frame);
    }
}

/// <summary>
/// One entry of the Playground's log stream (WS /_ws/log/stream): a Playground-to-bot request with the bot's
/// answer (Type "bot"), a bot-to-connector call, or a warning (Type "text").
/// </summary>
public sealed record PlaygroundLogEntry(
    string? Type,
    string? From,
    string? To,
    string? ActivityName,
    string? ConversationId,
    JsonNode? RequestBody,
    int? StatusCode,
    JsonNode? ResponseBody,
    string? DisplayText,
    JsonObject Raw)
{
    internal static PlaygroundLogEntry? Parse(JsonObject frame)
    {
        if ((string?)frame["logAction"] != "appendLog" || frame["log"] is not JsonObject log) return null;
        return new PlaygroundLogEntry(
            (string?)log["type"],
            Str(log["from"]),
            Str(log["to"]),
            (string?)log["activityName"],
            (string?)log["conversationId"],
            log["request"]?["body"],
            log["response"]?["statusCode"] is JsonValue status && status.TryGetValue<int>(out var code) ? code : null,
            log["response"]?["body"],
            (string?)log["displayText"],
            frame);
    }

    private static string? Str(JsonNode? node) =>
        node is JsonValue value && value.TryGetValue<string>(out var s) ? s : node?.ToJsonString();
}

/// <summary>The answer to POST /_conversation/v1/invoke: 200 with the bot's invoke body, or 502 when the bot failed.</summary>
public sealed record PlaygroundInvokeResult(int HttpStatus, JsonNode? Body)
{
    /// <summary>The invoke answer's type, e.g. application/vnd.microsoft.card.adaptive.</summary>
    public string? Type => (string?)Body?["type"];

    public JsonNode? Value => Body?["value"];

    /// <summary>All text in the returned card, when the answer is a card.</summary>
    public string CardText => Value is JsonObject card ? string.Join("\n", Support.CardText.Of(card)) : "";
}

/// <summary>The visible text of an Adaptive Card: TextBlock texts, TextRun texts, Fact titles/values, action titles.</summary>
public static class CardText
{
    public static IEnumerable<string> Of(JsonNode? node)
    {
        switch (node)
        {
            case JsonArray array:
                foreach (var item in array)
                foreach (var line in Of(item))
                    yield return line;
                break;
            case JsonObject obj:
                var type = obj["type"] is JsonValue t && t.TryGetValue<string>(out var s) ? s : null;
                if (type is "TextBlock" or "TextRun" && obj["text"] is JsonValue text && text.TryGetValue<string>(out var body))
                    yield return body;
                if (obj["title"] is JsonValue title && title.TryGetValue<string>(out var titleText)) yield return titleText;
                if (type is null && obj["value"] is JsonValue v && v.TryGetValue<string>(out var factValue)) yield return factValue;
                foreach (var (key, child) in obj)
                {
                    if (child is JsonObject or JsonArray)
                        foreach (var inner in Of(child))
                            yield return inner;
                }
                break;
        }
    }
}
