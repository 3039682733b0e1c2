using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using TeamsSafeguarding.Teams;
using TeamsSafeguarding.Teams.Connector;

namespace TeamsSafeguarding.Tests.Support;

/// <summary>What a call to the fake Connector was for, read from its method and path.</summary>
public enum ConnectorOperation
{
    SendToConversation,
    ReplyToActivity,
    UpdateActivity,
    DeleteActivity,
    CreateConversation,
    GetPagedMembers,
    Unknown,
}

/// <summary>One request the fake Connector received, and the status it answered with.</summary>
/// <param name="Path">Decoded path below the serviceUrl, e.g. "/v3/conversations/19:abc@thread.tacv2/activities".</param>
/// <param name="RawTarget">The request target exactly as sent (still percent-encoded), including the base path.</param>
/// <param name="ConversationId">Decoded conversation id from the path (null for create-conversation).</param>
/// <param name="ActivityId">Decoded activity id from the path, when there is one.</param>
/// <param name="Body">The JSON body, or null when there was none.</param>
/// <param name="Authorization">The Authorization header as sent, or null.</param>
public sealed record RecordedCall(
    ConnectorOperation Operation,
    string Method,
    string Path,
    string RawTarget,
    string? ConversationId,
    string? ActivityId,
    JsonNode? Body,
    string? Authorization,
    string? ContentType,
    int Status)
{
    /// <summary>The activity sent: the body for send/reply/update, the "activity" member for create-conversation.</summary>
    public Activity? Activity =>
        (Operation == ConnectorOperation.CreateConversation ? Body?["activity"] : Body)?.Deserialize<Activity>(ActivityJson.Options);

    /// <summary>The create-conversation body, typed.</summary>
    public ConversationParameters? Parameters =>
        Operation == ConnectorOperation.CreateConversation ? Body?.Deserialize<ConversationParameters>(ActivityJson.Options) : null;

    public override string ToString() => $"{Method} {Path} -> {Status}";
}

/// <summary>
/// A local Bot Connector for tests: Kestrel on 127.0.0.1 (free port), answering like Teams (201 {"id":"&lt;epoch-ms&gt;"}
/// for posts, 200 {"id"} for updates, 200 for deletes, {id, activityId} for new channel threads, "a:..." for 1:1 chats)
/// and recording every request. <see cref="FailNext"/> makes the next calls fail the way Teams does.
/// <code>
/// await using var connector = await FakeConnector.StartAsync();
/// // point the bot at connector.ServiceUrl, then:
/// var sent = await connector.WaitForCallAsync(c => c.Operation == ConnectorOperation.SendToConversation, TimeSpan.FromSeconds(5));
/// </code>
/// </summary>
public sealed class FakeConnector : IAsyncDisposable
{
    /// <summary>The path the serviceUrl ends with, as in the Agents Playground ("http://localhost:&lt;port&gt;/_connector").</summary>
    public const string BasePath = "/_connector";

    private readonly Lock _gate = new();
    private readonly List<RecordedCall> _calls = [];
    private readonly Queue<Failure> _failures = new();
    private readonly List<(Func<RecordedCall, bool> Match, TaskCompletionSource<RecordedCall> Done)> _waiters = [];
    private long _lastMessageId = 1_795_421_916_000;
    private LocalHttpServer? _server;

    private FakeConnector() { }

    /// <summary>What GET …/pagedmembers answers, as one page (a team's roster, as Teams lists it); empty unless a test says.</summary>
    public List<JsonObject> Members { get; } = [];

    /// <summary>The serviceUrl to give the bot, e.g. "http://127.0.0.1:50123/_connector/".</summary>
    public string ServiceUrl { get; private set; } = "";

    /// <summary>How long each call takes before it is answered (Teams takes a few hundred ms); none unless set.</summary>
    public TimeSpan Latency { get; set; }

    /// <summary>Every request so far, in arrival order (a snapshot).</summary>
    public IReadOnlyList<RecordedCall> Calls
    {
        get { lock (_gate) return _calls.ToArray(); }
    }

    public static async Task<FakeConnector> StartAsync()
    {
        var fake = new FakeConnector();
        fake._server = await LocalHttpServer.StartAsync(fake.HandleAsync);
        fake.ServiceUrl = fake._server.Address + BasePath + "/";
        return fake;
    }

    /// <summary>
    /// The next <paramref name="count"/> calls answer <paramref name="status"/> with a Teams error body
    /// ({"error":{"code":...}}) and, if given, a Retry-After header in whole seconds.
    /// </summary>
    public void FailNext(int count, int status, TimeSpan? retryAfter = null, string? code = null)
    {
        lock (_gate)
            for (var i = 0; i < count; i++) _failures.Enqueue(new Failure(status, retryAfter, code ?? DefaultCode(status)));
    }

    /// <summary>The first call (already made, or still to come) that matches; TimeoutException listing the calls seen if none does in time.</summary>
    public async Task<RecordedCall> WaitForCallAsync(Func<RecordedCall, bool> match, TimeSpan timeout)
    {
        var done = new TaskCompletionSource<RecordedCall>(TaskCreationOptions.RunContinuationsAsynchronously);
        lock (_gate)
        {
            var seen = _calls.FirstOrDefault(match);
            if (seen is not null) return seen;
            _waiters.Add((match, done));
        }
        try
        {
            return await done.Task.WaitAsync(timeout);
        }
        catch (TimeoutException)
        {
            lock (_gate) _waiters.RemoveAll(w => w.Done == done);
            throw new TimeoutException($"No matching Connector call within {timeout}. Calls seen: [{string.Join("; ", Calls)}]");
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (_server is not null) await _server.DisposeAsync();
    }

    private async Task HandleAsync(HttpContext context)
    {
        var request = context.Request;
        var rawTarget = context.Features.GetRequiredFeature<IHttpRequestFeature>().RawTarget;
        var rawPath = rawTarget.Split('?')[0];
        var below = rawPath.StartsWith(BasePath + "/", StringComparison.Ordinal) ? rawPath[BasePath.Length..] : rawPath;
        // Split before decoding, so an id containing an encoded '/' still counts as one segment.
        var segments = below.Split('/', StringSplitOptions.RemoveEmptyEntries).Select(Uri.UnescapeDataString).ToArray();
        var (operation, conversationId, activityId) = Classify(request.Method, segments);

        JsonNode? body = null;
        var bodyIsJson = true;
        using (var reader = new StreamReader(request.Body, Encoding.UTF8))
        {
            var text = await reader.ReadToEndAsync();
            if (text.Length > 0)
            {
                try { body = JsonNode.Parse(text); }
                catch (JsonException) { bodyIsJson = false; }
            }
        }

        if (Latency > TimeSpan.Zero) await Task.Delay(Latency, context.RequestAborted);
        var (status, answer, retryAfter) = Answer(operation, conversationId, activityId, body, bodyIsJson);
        var call = new RecordedCall(operation, request.Method, "/" + string.Join('/', segments), rawTarget, conversationId,
            activityId, body, request.Headers.Authorization.FirstOrDefault(), request.ContentType, status);
        Record(call);

        context.Response.StatusCode = status;
        if (retryAfter is { } wait)
            context.Response.Headers.RetryAfter = ((long)Math.Ceiling(wait.TotalSeconds)).ToString();
        if (answer is not null)
        {
            context.Response.ContentType = "application/json; charset=utf-8";
            await context.Response.WriteAsync(answer.ToJsonString());
        }
    }

    private static (ConnectorOperation, string? ConversationId, string? ActivityId) Classify(string method, string[] s)
    {
        if (s.Length < 2 || s[0] != "v3" || s[1] != "conversations") return (ConnectorOperation.Unknown, null, null);
        if (s.Length == 2)
            return (method == "POST" ? ConnectorOperation.CreateConversation : ConnectorOperation.Unknown, null, null);
        if (s.Length == 4 && s[3] == "pagedmembers" && method == "GET") return (ConnectorOperation.GetPagedMembers, s[2], null);
        if (s.Length < 4 || s[3] != "activities" || s.Length > 5) return (ConnectorOperation.Unknown, s[2], null);
        if (s.Length == 4)
            return (method == "POST" ? ConnectorOperation.SendToConversation : ConnectorOperation.Unknown, s[2], null);
        var operation = method switch
        {
            "POST" => ConnectorOperation.ReplyToActivity,
            "PUT" => ConnectorOperation.UpdateActivity,
            "DELETE" => ConnectorOperation.DeleteActivity,
            _ => ConnectorOperation.Unknown,
        };
        return (operation, s[2], s[4]);
    }

    private (int Status, JsonNode? Body, TimeSpan? RetryAfter) Answer(ConnectorOperation operation, string? conversationId,
        string? activityId, JsonNode? body, bool bodyIsJson)
    {
        lock (_gate)
        {
            if (_failures.TryDequeue(out var failure))
                return (failure.Status, Error(failure.Code), failure.RetryAfter);
        }
        if (!bodyIsJson) return (400, Error("BadSyntax"), null);
        switch (operation)
        {
            case ConnectorOperation.SendToConversation:
            case ConnectorOperation.ReplyToActivity:
                return (201, new JsonObject { ["id"] = NextMessageId() }, null);
            case ConnectorOperation.UpdateActivity:
                return (200, new JsonObject { ["id"] = activityId }, null);
            case ConnectorOperation.DeleteActivity:
                return (200, null, null);
            case ConnectorOperation.CreateConversation:
                return CreateConversation(body);
            case ConnectorOperation.GetPagedMembers:
                lock (_gate) return (200, new JsonObject { ["members"] = new JsonArray([.. Members.Select(m => (JsonNode)m.DeepClone())]) }, null);
            default:
                return (404, Error("NotFound"), null);
        }
    }

    private (int, JsonNode?, TimeSpan?) CreateConversation(JsonNode? body)
    {
        var channelId = body?["channelData"]?["channel"]?["id"]?.GetValue<string>();
        if (body?["isGroup"]?.GetValue<bool>() == true && channelId is not null)
        {
            var rootId = NextMessageId();
            return (201, new JsonObject { ["id"] = $"{channelId};messageid={rootId}", ["activityId"] = rootId }, null);
        }
        var memberId = body?["members"]?[0]?["id"]?.GetValue<string>();
        if (memberId is null) return (400, Error("BadArgument"), null);
        // Teams answers the same 1:1 chat for the same person.
        var answer = new JsonObject { ["id"] = $"a:fake-personal-{memberId}" };
        if (body?["activity"] is not null) answer["activityId"] = NextMessageId();
        return (201, answer, null);
    }

    private void Record(RecordedCall call)
    {
        List<TaskCompletionSource<RecordedCall>> matched = [];
        lock (_gate)
        {
            _calls.Add(call);
            foreach (var waiter in _waiters.Where(w => w.Match(call)).ToList())
            {
                matched.Add(waiter.Done);
                _waiters.Remove(waiter);
            }
        }
        foreach (var done in matched) done.TrySetResult(call);
    }

    private string NextMessageId() => Interlocked.Increment(ref _lastMessageId).ToString();

    private static JsonObject Error(string code) =>
        new() { ["error"] = new JsonObject { ["code"] = code, ["message"] = $"Fake Connector: {code}" } };

    private static string DefaultCode(int status) => status switch
    {
        400 => "BadArgument",
        401 => "BotNotRegistered",
        403 => "BotNotInConversationRoster",
        404 => "ConversationNotFound",
        412 => "PreconditionFailed",
        413 => "MessageSizeTooBig",
        429 => "Throttled",
        _ => "ServiceError",
    };

    private sealed record Failure(int Status, TimeSpan? RetryAfter, string Code);
}
