namespace TeamsSafeguarding.Teams.Connector;

/// <summary>
/// Connector URLs: v3 paths under the conversation's serviceUrl. The serviceUrl may or may not end in a slash
/// and may carry a path (".../amer/", "http://localhost:56150/_connector"), so paths are appended to it rather
/// than resolved against it. Ids are escaped because Teams ids contain ':', ';', '@' and '='.
/// </summary>
internal static class ConnectorPaths
{
    public static Uri Conversations(string serviceUrl) => Under(serviceUrl, "v3/conversations");

    public static Uri Activities(string serviceUrl, string conversationId) =>
        Under(serviceUrl, $"v3/conversations/{Segment(conversationId, nameof(conversationId))}/activities");

    public static Uri Activity(string serviceUrl, string conversationId, string activityId) =>
        Under(serviceUrl, $"v3/conversations/{Segment(conversationId, nameof(conversationId))}/activities/{Segment(activityId, nameof(activityId))}");

    public static Uri Members(string serviceUrl, string conversationId) =>
        Under(serviceUrl, $"v3/conversations/{Segment(conversationId, nameof(conversationId))}/members");

    public static Uri Under(string serviceUrl, string relativePath)
    {
        if (!Uri.TryCreate(serviceUrl, UriKind.Absolute, out var root) || root.Scheme is not ("https" or "http"))
            throw new ArgumentException("The serviceUrl must be an absolute http(s) URL.", nameof(serviceUrl));
        var basePath = root.GetLeftPart(UriPartial.Path).TrimEnd('/');
        return new Uri($"{basePath}/{relativePath}", UriKind.Absolute);
    }

    private static string Segment(string id, string name) =>
        string.IsNullOrEmpty(id) ? throw new ArgumentException("An id is required.", name) : Uri.EscapeDataString(id);
}
