using System.Net.Http.Json;
using System.Net.WebSockets;
using System.Text;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;

namespace TeamsSafeguarding.Tests.Support;

/// <summary>
/// The Microsoft 365 Agents Playground (infra/node_modules, msteams mode, infra/playground/mock.yml) on a free
/// port, pointed at a bot. Acts as the Teams user through the Playground's own API, and records everything the
/// bot shows (conversation stream) and every exchange with the bot (log stream) from the moment it starts.
/// See ../shared/docs/agents-playground.md for the API.
/// </summary>
public sealed partial class PlaygroundSession : IAsyncDisposable
{
    private static readonly TimeSpan StartTimeout = StartupWait.Timeout;

    private readonly NodeToolProcess process;
    private readonly string workDirectory;
    private readonly HttpClient http;
    private readonly CancellationTokenSource stopping = new();
    private readonly StreamRecorder<PlaygroundMessage> messages = new();
    private readonly StreamRecorder<PlaygroundLogEntry> log = new();
    private readonly List<Task> readers = [];

    private PlaygroundSession(NodeToolProcess process, string workDirectory, Uri baseAddress)
    {
        this.process = process;
        this.workDirectory = workDirectory;
        BaseAddress = baseAddress;
        http = new HttpClient { BaseAddress = baseAddress, Timeout = TimeSpan.FromSeconds(30) };
    }

    public Uri BaseAddress { get; }

    /// <summary>Ids of the mock tenant, people, chats and team.</summary>
    public PlaygroundConfig Config { get; private set; } = null!;

    /// <summary>Bot messages shown so far, in order.</summary>
    public IReadOnlyList<PlaygroundMessage> Messages => messages.Snapshot();

    /// <summary>Log entries so far, in order.</summary>
    public IReadOnlyList<PlaygroundLogEntry> Log => log.Snapshot();

    /// <summary>Everything the Playground process printed (for failure messages).</summary>
    public string ProcessOutput => process.Output;

    /// <summary>Starts the Playground for the bot at <paramref name="botEndpoint"/> (its /api/messages URL).</summary>
    public static async Task<PlaygroundSession> StartAsync(Uri botEndpoint, CancellationToken ct = default)
    {
        var workDirectory = Directory.CreateTempSubdirectory("playground-").FullName;
        var process = NodeToolProcess.Start("Agents Playground", Path.Combine(".bin", "agentsplayground"),
            ["start", "-e", botEndpoint.ToString(), "-c", "msteams", "-p", "0", "--disable-telemetry"],
            new Dictionary<string, string>
            {
                ["TEAMSAPPTESTER_BROWSER"] = "none",
                ["M365_AGENTS_PLAYGROUND_CONFIG_PATH"] = RepoRoot.Combine("infra", "playground", "mock.yml"),
                ["M365_AGENTS_PLAYGROUND_LOGFILE"] = Path.Combine(workDirectory, "playground.log"),
            },
            workDirectory);
        PlaygroundSession? session = null;
        try
        {
            var listening = await process.WaitForLineAsync(ListeningLine(), StartTimeout);
            var port = int.Parse(listening.Groups[1].Value);
            session = new PlaygroundSession(process, workDirectory, new Uri($"http://127.0.0.1:{port}/"));
            await session.WaitForPingAsync(ct);
            session.Config = PlaygroundConfig.Parse(
                (await session.http.GetFromJsonAsync<JsonNode>("_internal/v1/testConfig", ct))!);
            await session.SubscribeAsync("_ws_conversation/v1/conversations/stream",
                frame => PlaygroundMessage.Parse(frame) is { } m ? session.messages.Add(m) : false, ct);
            await session.SubscribeAsync("_ws/log/stream",
                frame => PlaygroundLogEntry.Parse(frame) is { } e ? session.log.Add(e) : false, ct);
            return session;
        }
        catch
        {
            if (session is not null) await session.DisposeAsync();
            else
            {
                process.Dispose();
                TryDelete(workDirectory);
            }
            throw;
        }
    }

    /// <summary>Installs the bot in a conversation, as the web client does when it first opens it
    /// (installationUpdate add + conversationUpdate membersAdded).</summary>
    public async Task InstallAsync(string conversationId, CancellationToken ct = default)
    {
        using var response = await http.PostAsJsonAsync(
            $"_debug/conversation/{Uri.EscapeDataString(conversationId)}/installation", new JsonObject(), ct);
        await EnsureSuccessAsync(response, "install");
    }

    /// <summary>The current user sends <paramref name="text"/>; with <paramref name="mentionBot"/> it starts with an @mention
    /// of the bot (needed in channels and group chats). Returns the new message's id.</summary>
    public async Task<string> SendMessageAsync(string conversationId, string text, bool mentionBot = false,
        CancellationToken ct = default)
    {
        var body = new JsonObject
        {
            ["from"] = new JsonObject { ["id"] = Config.CurrentUserId },
            ["textFormat"] = "plain",
        };
        if (mentionBot)
        {
            var at = $"<at>{Config.BotName}</at>";
            body["text"] = $"{at} {text}";
            body["mentions"] = new JsonArray(new JsonObject
            {
                ["mentioned"] = new JsonObject { ["id"] = Config.BotId, ["name"] = Config.BotName },
                ["text"] = at,
            });
        }
        else body["text"] = text;

        using var response = await http.PostAsJsonAsync(
            $"_conversation/v1/conversations/{Uri.EscapeDataString(conversationId)}/messages", body, ct);
        await EnsureSuccessAsync(response, "send a message");
        var answer = await response.Content.ReadFromJsonAsync<JsonNode>(ct);
        return (string?)answer?["messageId"] ?? throw new InvalidOperationException("The Playground returned no messageId.");
    }

    /// <summary>Clicks an Action.Execute with <paramref name="verb"/> and <paramref name="data"/> on the card message
    /// <paramref name="replyToId"/>, as <paramref name="fromUserId"/> (default the current user; any member may click).</summary>
    public async Task<PlaygroundInvokeResult> InvokeAsync(string conversationId, string replyToId, string verb,
        JsonObject? data = null, string? fromUserId = null, CancellationToken ct = default)
    {
        var body = new JsonObject
        {
            ["name"] = "adaptiveCard/action",
            ["value"] = new JsonObject
            {
                ["action"] = new JsonObject
                {
                    ["type"] = "Action.Execute",
                    ["title"] = verb,
                    ["verb"] = verb,
                    ["data"] = data ?? new JsonObject(),
                },
            },
            ["from"] = new JsonObject { ["id"] = fromUserId ?? Config.CurrentUserId },
            ["conversation"] = new JsonObject { ["id"] = conversationId },
            ["replyToId"] = replyToId,
        };
        using var response = await http.PostAsJsonAsync("_conversation/v1/invoke", body, ct);
        var text = await response.Content.ReadAsStringAsync(ct);
        return new PlaygroundInvokeResult((int)response.StatusCode, string.IsNullOrEmpty(text) ? null : JsonNode.Parse(text));
    }

    /// <summary>
    /// Sends <paramref name="activity"/> to the bot verbatim ("Mock an Activity"), on the Playground's base activity for
    /// <paramref name="conversationId"/> (from the current user, with its serviceUrl), for activities its UI cannot make,
    /// such as the fileConsent/invoke Teams sends when a file consent card is answered. The bot's answer is only in the log.
    /// </summary>
    public async Task SendCustomActivityAsync(string conversationId, JsonObject activity, CancellationToken ct = default)
    {
        var template = (await http.GetFromJsonAsync<JsonObject>(
            $"_internal/v1/customActivities/template?conversationId={Uri.EscapeDataString(conversationId)}", ct))!;
        foreach (var (key, value) in activity) template[key] = value?.DeepClone();
        using var response = await http.PostAsJsonAsync("_internal/v1/customActivities", template, ct);
        await EnsureSuccessAsync(response, "send a custom activity");
    }

    /// <summary>The first bot message (already shown or still to come) matching <paramref name="predicate"/>.</summary>
    public Task<PlaygroundMessage> WaitForMessageAsync(Func<PlaygroundMessage, bool> predicate, TimeSpan timeout) =>
        messages.WaitForAsync(predicate, timeout, () => $"No matching bot message within {timeout.TotalSeconds:0} s. " + Describe());

    /// <summary>The first log entry (already logged or still to come) matching <paramref name="predicate"/>.</summary>
    public Task<PlaygroundLogEntry> WaitForLogAsync(Func<PlaygroundLogEntry, bool> predicate, TimeSpan timeout) =>
        log.WaitForAsync(predicate, timeout, () => $"No matching log entry within {timeout.TotalSeconds:0} s. " + Describe());

    private string Describe() =>
        $"Messages: [{string.Join(", ", Messages.Select(m => m.Raw.ToJsonString()))}] " +
        $"Log: [{string.Join(", ", Log.Select(l => $"{l.Type} {l.ActivityName} {l.ConversationId} -> {l.StatusCode}"))}]";

    private async Task WaitForPingAsync(CancellationToken ct)
    {
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(ct);
        deadline.CancelAfter(StartTimeout);
        while (true)
        {
            try
            {
                if (await http.GetStringAsync("_debug/ping", deadline.Token) == "pong") return;
            }
            catch (HttpRequestException)
            {
                // Not listening yet.
            }
            catch (OperationCanceledException) when (deadline.IsCancellationRequested && !ct.IsCancellationRequested)
            {
                throw new TimeoutException($"The Agents Playground did not start: it did not answer /_debug/ping within {StartTimeout.TotalSeconds:0} s. Its last output:\n{process.LastOutput}");
            }
            await Task.Delay(100, deadline.Token);
        }
    }

    private async Task SubscribeAsync(string path, Func<JsonObject, bool> onFrame, CancellationToken ct)
    {
        var socket = new ClientWebSocket();
        await socket.ConnectAsync(new Uri($"ws://{BaseAddress.Authority}/{path}"), ct);
        readers.Add(Task.Run(() => ReadAsync(socket, onFrame)));
    }

    private async Task ReadAsync(ClientWebSocket socket, Func<JsonObject, bool> onFrame)
    {
        using var _ = socket;
        var buffer = new byte[64 * 1024];
        var frame = new MemoryStream();
        try
        {
            while (socket.State == WebSocketState.Open)
            {
                var result = await socket.ReceiveAsync(buffer, stopping.Token);
                if (result.MessageType == WebSocketMessageType.Close) break;
                frame.Write(buffer, 0, result.Count);
                if (!result.EndOfMessage) continue;
                var text = Encoding.UTF8.GetString(frame.GetBuffer(), 0, (int)frame.Length);
                frame.SetLength(0);
                if (TryParse(text) is { } json) onFrame(json);
            }
        }
        catch (Exception e) when (e is OperationCanceledException or WebSocketException)
        {
            // Stopping, or the Playground went away.
        }
    }

    private static JsonObject? TryParse(string text)
    {
        try
        {
            return JsonNode.Parse(text) as JsonObject;
        }
        catch (System.Text.Json.JsonException)
        {
            return null;
        }
    }

    private async Task EnsureSuccessAsync(HttpResponseMessage response, string what)
    {
        if (response.IsSuccessStatusCode) return;
        var body = await response.Content.ReadAsStringAsync();
        throw new InvalidOperationException(
            $"The Playground refused to {what}: {(int)response.StatusCode} {body}. Its last output:\n{process.LastOutput}");
    }

    public async ValueTask DisposeAsync()
    {
        stopping.Cancel();
        try
        {
            await Task.WhenAll(readers).WaitAsync(TimeSpan.FromSeconds(5));
        }
        catch (TimeoutException)
        {
            // The process is killed below either way.
        }
        process.Dispose();
        http.Dispose();
        stopping.Dispose();
        TryDelete(workDirectory);
    }

    private static void TryDelete(string directory)
    {
        try
        {
            Directory.Delete(directory, recursive: true);
        }
        catch (IOException)
        {
        }
        catch (UnauthorizedAccessException)
        {
        }
    }

    [GeneratedRegex(@"Listening on (\d+)")]
    private static partial Regex ListeningLine();

    /// <summary>An append-only list of stream items that can be waited on.</summary>
    private sealed class StreamRecorder<T>
    {
        private readonly List<T> items = [];
        private TaskCompletionSource changed = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public bool Add(T item)
        {
            TaskCompletionSource old;
            lock (items)
            {
                items.Add(item);
                old = changed;
                changed = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            }
            old.TrySetResult();
            return true;
        }

        public IReadOnlyList<T> Snapshot()
        {
            lock (items) return items.ToList();
        }

        public async Task<T> WaitForAsync(Func<T, bool> predicate, TimeSpan timeout, Func<string> describeFailure)
        {
            using var cts = new CancellationTokenSource(timeout);
            var seen = 0;
            while (true)
            {
                Task next;
                lock (items)
                {
                    for (; seen < items.Count; seen++)
                        if (predicate(items[seen])) return items[seen];
                    next = changed.Task;
                }
                try
                {
                    await next.WaitAsync(cts.Token);
                }
                catch (OperationCanceledException)
                {
                    throw new TimeoutException(describeFailure());
                }
            }
        }
    }
}
