using System.Net;
using System.Net.Http.Headers;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace TeamsSafeguarding.Teams.Connector;

/// <summary>
/// The Bot Connector v3 REST client. Each call is one attempt: a failure throws <see cref="ConnectorException"/> with
/// the status, the Teams error code and the Connector's Retry-After, and the caller (the outbox, which sends everything)
/// decides when to try again, so retries are never multiplied. Logs carry ids, statuses and error codes, never bodies.
/// </summary>
public sealed class ConnectorClient(IHttpClientFactory httpClients, IConnectorTokenProvider tokens, TimeProvider time,
    ILogger<ConnectorClient> log) : IConnectorClient
{
    /// <summary>The named HttpClient this client uses (registered by <see cref="ConnectorSetup.AddConnectorClient"/>).</summary>
    public const string HttpClientName = "BotConnector";

    private static readonly MediaTypeHeaderValue Json = new("application/json") { CharSet = "utf-8" };

    public async Task<ResourceResponse> SendToConversationAsync(string serviceUrl, string conversationId, Activity activity,
        CancellationToken ct)
    {
        var uri = ConnectorPaths.Activities(serviceUrl, conversationId);
        var body = JsonSerializer.SerializeToUtf8Bytes(activity, ActivityJson.Options);
        return await CallAsync<ResourceResponse>("SendToConversation", HttpMethod.Post, uri, body, conversationId, ct)
            ?? new ResourceResponse(null);
    }

    /// <summary>Replies under <paramref name="activityId"/>; the sent activity's replyToId is set to it (the caller's object is not changed).</summary>
    public async Task<ResourceResponse> ReplyToActivityAsync(string serviceUrl, string conversationId, string activityId,
        Activity activity, CancellationToken ct)
    {
        var uri = ConnectorPaths.Activity(serviceUrl, conversationId, activityId);
        var body = WithField(activity, "replyToId", activityId);
        return await CallAsync<ResourceResponse>("ReplyToActivity", HttpMethod.Post, uri, body, conversationId, ct)
            ?? new ResourceResponse(null);
    }

    /// <summary>Replaces the message <paramref name="activityId"/> with <paramref name="activity"/> (whose id is set to match).</summary>
    public async Task<ResourceResponse> UpdateActivityAsync(string serviceUrl, string conversationId, string activityId,
        Activity activity, CancellationToken ct)
    {
        var uri = ConnectorPaths.Activity(serviceUrl, conversationId, activityId);
        var body = WithField(activity, "id", activityId);
        return await CallAsync<ResourceResponse>("UpdateActivity", HttpMethod.Put, uri, body, conversationId, ct)
            ?? new ResourceResponse(null);
    }

    public async Task DeleteActivityAsync(string serviceUrl, string conversationId, string activityId, CancellationToken ct)
    {
        var uri = ConnectorPaths.Activity(serviceUrl, conversationId, activityId);
        await CallAsync<JsonNode>("DeleteActivity", HttpMethod.Delete, uri, body: null, conversationId, ct);
    }

    public async Task<ConversationResourceResponse> CreateConversationAsync(string serviceUrl, ConversationParameters parameters,
        CancellationToken ct)
    {
        var uri = ConnectorPaths.Conversations(serviceUrl);
        var body = JsonSerializer.SerializeToUtf8Bytes(parameters, ActivityJson.Options);
        var target = parameters.ChannelData?.Channel?.Id;
        return await CallAsync<ConversationResourceResponse>("CreateConversation", HttpMethod.Post, uri, body, target, ct)
            ?? new ConversationResourceResponse(null, null, null);
    }

    public async Task<PagedMembers> GetPagedMembersAsync(string serviceUrl, string conversationId, string? continuationToken, CancellationToken ct)
    {
        var uri = ConnectorPaths.PagedMembers(serviceUrl, conversationId, continuationToken);
        return await CallAsync<PagedMembers>("GetPagedMembers", HttpMethod.Get, uri, body: null, conversationId, ct) ?? new PagedMembers([], null);
    }

    private static byte[] WithField(Activity activity, string name, string value)
    {
        if (name == "id" && activity.Id == value) return JsonSerializer.SerializeToUtf8Bytes(activity, ActivityJson.Options);
        var json = JsonSerializer.SerializeToNode(activity, ActivityJson.Options)!.AsObject();
        json[name] = value;
        return JsonSerializer.SerializeToUtf8Bytes(json, ActivityJson.Options);
    }

    private async Task<T?> CallAsync<T>(string operation, HttpMethod method, Uri uri, byte[]? body, string? conversationId,
        CancellationToken ct) where T : class
    {
        var http = httpClients.CreateClient(HttpClientName);
        HttpResponseMessage response;
        try
        {
            using var request = await RequestAsync(method, uri, body, ct);
            response = await http.SendAsync(request, HttpCompletionOption.ResponseContentRead, ct);
        }
        catch (Exception e) when (IsTransportFailure(e, ct))
        {
            log.LogWarning("Connector {Operation} to {ConversationId} got no answer: {Failure}", operation, conversationId, e.GetType().Name);
            throw new ConnectorException(0, null, $"Connector {operation} got no answer ({e.GetType().Name}).", e);
        }

        using (response)
        {
            if (response.IsSuccessStatusCode) return await ReadAsync<T>(response, ct);
            var status = (int)response.StatusCode;
            var code = ConnectorErrors.CodeFrom(await response.Content.ReadAsStringAsync(ct));
            log.LogWarning("Connector {Operation} to {ConversationId} failed with {Status} {ErrorCode}", operation, conversationId, status, code);
            throw new ConnectorException(status, code, $"Connector {operation} failed with {status} {code ?? "(no error code)"}.",
                retryAfter: ConnectorErrors.RetryAfterOf(response.Headers.RetryAfter, time.GetUtcNow()));
        }
    }

    private async Task<HttpRequestMessage> RequestAsync(HttpMethod method, Uri uri, byte[]? body, CancellationToken ct)
    {
        var request = new HttpRequestMessage(method, uri);
        if (body is not null)
        {
            request.Content = new ByteArrayContent(body);
            request.Content.Headers.ContentType = Json;
        }
        // The token goes to this one request only, never into the HttpClient's default headers, so it cannot leak to
        // another host.
        if (await tokens.GetTokenAsync(ct) is { } token)
        {
            if (uri.Scheme != Uri.UriSchemeHttps && !uri.IsLoopback)
                throw new ArgumentException("Refusing to send the bot's token to a serviceUrl that is not https.", "serviceUrl");
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token.Value);
        }
        return request;
    }

    private static async Task<T?> ReadAsync<T>(HttpResponseMessage response, CancellationToken ct) where T : class
    {
        if (response.StatusCode == HttpStatusCode.NoContent) return null;
        var text = await response.Content.ReadAsStringAsync(ct);
        if (string.IsNullOrWhiteSpace(text)) return null;
        try
        {
            return JsonSerializer.Deserialize<T>(text, ActivityJson.Options);
        }
        catch (JsonException)
        {
            // The message went through; an answer we cannot read only costs us its id.
            return null;
        }
    }

    /// <summary>No HTTP answer: connection failures, and HttpClient's own timeout (not the caller cancelling).</summary>
    private static bool IsTransportFailure(Exception e, CancellationToken ct) =>
        e is HttpRequestException || (e is TaskCanceledException && !ct.IsCancellationRequested);
}
