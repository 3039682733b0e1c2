using System.Text.Json.Nodes;

namespace TeamsSafeguarding.Teams;

/// <summary>The HTTP answer to an invoke activity: the status code and JSON body Teams reads.</summary>
public sealed record InvokeResponse(int Status, JsonNode? Body)
{
    /// <summary>
    /// Where a copy of this answer may be kept so that a redelivered invoke gets it again: the storage partition of
    /// the data it shows, under that data's own rules. Null: no copy is kept (a redelivery is told the click was
    /// handled), so an answer never lands in storage away from the data it came from.
    /// </summary>
    public string? KeepWith { get; init; }

    public const string CardType = ContentTypes.AdaptiveCard;
    public const string MessageType = "application/vnd.microsoft.activity.message";
    public const string ErrorType = "application/vnd.microsoft.error";

    /// <summary>Universal Actions: replace the card (for this user's client) with <paramref name="card"/>.</summary>
    public static InvokeResponse Card(JsonObject card) =>
        new(200, new JsonObject { ["statusCode"] = 200, ["type"] = CardType, ["value"] = card });

    /// <summary>Universal Actions: show a short message to the user who clicked.</summary>
    public static InvokeResponse Message(string text) =>
        new(200, new JsonObject { ["statusCode"] = 200, ["type"] = MessageType, ["value"] = text });

    /// <summary>Universal Actions error (HTTP 200, the error is in the body, as Teams expects).</summary>
    public static InvokeResponse Error(int statusCode, string code, string message) =>
        new(200, new JsonObject
        {
            ["statusCode"] = statusCode,
            ["type"] = ErrorType,
            ["value"] = new JsonObject { ["code"] = code, ["message"] = message },
        });

    /// <summary>The answer to a redelivered invoke whose first answer was not kept.</summary>
    public static InvokeResponse AlreadyHandled() =>
        Message("That click was already handled. If the card did not change, type help to carry on.");

    /// <summary>
    /// An invoke nobody handles (a kind Teams only sends to apps that declare it). The Bot Framework SDK answers 501; we
    /// answer 400 with the reason, because nothing a person or the network sends may get a 5xx from us.
    /// </summary>
    public static InvokeResponse NotSupported() => new(400, new JsonObject
    {
        ["code"] = "NotSupported",
        ["message"] = "This bot does not handle that kind of request.",
    });

    /// <summary>Dialog (task module) answers.</summary>
    public static InvokeResponse TaskMessage(string text) =>
        new(200, new JsonObject { ["task"] = new JsonObject { ["type"] = "message", ["value"] = text } });
}
