using System.Text.Json;

namespace TeamsSafeguarding.Teams.Connector;

/// <summary>Reads the Teams error code from a Connector error body. The body itself is never kept or logged.</summary>
public static class ConnectorErrors
{
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
