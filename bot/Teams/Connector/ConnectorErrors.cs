using System.Net.Http.Headers;
using System.Text.Json;

namespace TeamsSafeguarding.Teams.Connector;

/// <summary>Reads what a Connector error says: the Teams error code (the body itself is never kept or logged) and Retry-After.</summary>
public static class ConnectorErrors
{
    /// <summary>The wait a Retry-After header asks for (seconds or a date), never negative; null when there is none.</summary>
    public static TimeSpan? RetryAfterOf(RetryConditionHeaderValue? retryAfter, DateTimeOffset now) => retryAfter switch
    {
        { Delta: { } delta } => delta < TimeSpan.Zero ? TimeSpan.Zero : delta,
        { Date: { } date } => date - now < TimeSpan.Zero ? TimeSpan.Zero : date - now,
        _ => null,
    };

    /// <summary>
    /// <c>{"error":{"code":"ConversationBlockedByUser",...}}</c> is the standard shape; Teams has also been seen
    /// answering <c>{"errorCode":209,"subCode":"MessageWritesBlocked"}</c>. Null when there is no code to read.
    /// </summary>
    public static string? CodeFrom(string? body)
    {
        if (string.IsNullOrWhiteSpace(body)) return null;
        try
        {
            using var document = JsonDocument.Parse(body);
            var root = document.RootElement;
            if (root.ValueKind != JsonValueKind.Object) return null;
            if (root.TryGetProperty("error", out var error) && error.ValueKind == JsonValueKind.Object
                && error.TryGetProperty("code", out var code) && code.ValueKind == JsonValueKind.String)
                return code.GetString();
            if (root.TryGetProperty("subCode", out var subCode) && subCode.ValueKind == JsonValueKind.String)
                return subCode.GetString();
            if (root.TryGetProperty("code", out var topCode) && topCode.ValueKind == JsonValueKind.String)
                return topCode.GetString();
            if (root.TryGetProperty("errorCode", out var errorCode) && errorCode.ValueKind is JsonValueKind.Number or JsonValueKind.String)
                return errorCode.ToString();
            return null;
        }
        catch (JsonException)
        {
            return null;
        }
    }
}
