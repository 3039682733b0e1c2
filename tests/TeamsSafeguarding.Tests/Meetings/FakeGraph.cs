using System.Globalization;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Http;
using TeamsSafeguarding.Tests.Support;

namespace TeamsSafeguarding.Tests.Meetings;

/// <summary>One request the fake Graph received: method, decoded path below /v1.0, query, Prefer header, JSON body, status answered.</summary>
public sealed record GraphCall(string Method, string Path, string Query, string? Prefer, string? Authorization, JsonNode? Body, int Status)
{
    public override string ToString() => $"{Method} {Path}{Query} -> {Status}";
}

/// <summary>A stretch of a fake mailbox's calendar.</summary>
public sealed record FakeBusy(DateTimeOffset Start, DateTimeOffset End, string Status = "busy");

/// <summary>
/// Microsoft Graph v1.0 as far as the bot uses it, on Kestrel at 127.0.0.1 (free port), for the real Graph SDK to call:
/// getSchedule, create/read/patch/cancel an event. Each request's method, path and body are checked the way Graph
/// would (a malformed one gets a 400 and is listed in <see cref="Problems"/>); answers are shaped like Microsoft's
/// documented ones (the vendored fixtures in Fixtures/graph). Like the real service, a create with a transaction id it has
/// seen does not make a second event. <see cref="AnswerNext"/> makes the next calls answer 429 (with Retry-After), 403, 5xx,
/// or a fixture as it is.
/// </summary>
public sealed class FakeGraph : IAsyncDisposable
{
    private readonly Lock _gate = new();
    private readonly List<GraphCall> _calls = [];
    private readonly List<string> _problems = [];
    private readonly Queue<(int Status, int? RetryAfter, string Fixture, Func<GraphCall, bool>? Match)> _failures = new();
    private readonly Dictionary<string, JsonObject> _events = new(StringComparer.Ordinal);
    private readonly Dictionary<string, string> _eventByTransaction = new(StringComparer.Ordinal);
    private LocalHttpServer? _server;
    private int _lastEvent;

    /// <summary>The mailboxes Graph knows, with what their calendars show; any other address answers a per-schedule error.</summary>
    public Dictionary<string, List<FakeBusy>> Calendars { get; } = new(StringComparer.OrdinalIgnoreCase);

    /// <summary>Attendees' answers to read back (address to "accepted", "declined", …); "none" otherwise.</summary>
    public Dictionary<string, string> Answers { get; } = new(StringComparer.OrdinalIgnoreCase);

    /// <summary>What the bot gives the SDK as Graph's address, version included.</summary>
    public string BaseUrl { get; private set; } = "";

    public IReadOnlyList<GraphCall> Calls { get { lock (_gate) return [.. _calls]; } }

    /// <summary>Requests Graph would have refused as malformed; a test expects none.</summary>
    public IReadOnlyList<string> Problems { get { lock (_gate) return [.. _problems]; } }

    /// <summary>The events as stored (one per event, however often a create was sent).</summary>
    public IReadOnlyList<JsonObject> Events { get { lock (_gate) return [.. _events.Values.Select(e => (JsonObject)e.DeepClone())]; } }

    public static async Task<FakeGraph> StartAsync()
    {
        var fake = new FakeGraph();
        fake._server = await LocalHttpServer.StartAsync(fake.HandleAsync);
        fake.BaseUrl = fake._server.Address + "/v1.0";
        return fake;
    }

    /// <summary>
    /// The next <paramref name="count"/> requests (matching <paramref name="match"/>, if given) answer <paramref name="status"/> with the
    /// fixture's body (a failure such as 429, 403 or 503, or a documented answer served as is) and, if given, a Retry-After.
    /// </summary>
    public void AnswerNext(int count, int status, string fixture, int? retryAfterSeconds = null, Func<GraphCall, bool>? match = null)
    {
        lock (_gate) for (var i = 0; i < count; i++) _failures.Enqueue((status, retryAfterSeconds, fixture, match));
    }

    public async Task<GraphCall> WaitForCallAsync(Func<GraphCall, bool> match, TimeSpan timeout)
    {
        var until = DateTime.UtcNow + timeout;
        while (DateTime.UtcNow < until)
        {
            if (Calls.FirstOrDefault(match) is { } call) return call;
            await Task.Delay(50);
        }
        throw new TimeoutException("No matching Graph call. Calls seen: " + string.Join("; ", Calls));
    }

    public async ValueTask DisposeAsync()
    {
        if (_server is not null) await _server.DisposeAsync();
    }

    private async Task HandleAsync(HttpContext context)
    {
        var request = context.Request;
        var path = Uri.UnescapeDataString(request.Path.Value ?? "");
        JsonNode? body = null;
        using (var reader = new StreamReader(request.Body))
        {
            var text = await reader.ReadToEndAsync();
            if (text.Length > 0)
            {
                try { body = JsonNode.Parse(text); }
                catch (System.Text.Json.JsonException) { }
            }
        }
        var call = new GraphCall(request.Method, path.StartsWith("/v1.0", StringComparison.Ordinal) ? path[5..] : path, request.QueryString.Value ?? "",
            request.Headers["Prefer"].FirstOrDefault(), request.Headers.Authorization.FirstOrDefault(), body, 0);

        (int Status, JsonNode? Answer, int? RetryAfter) result;
        lock (_gate)
        {
            var failure = _failures.Count > 0 && (_failures.Peek().Match?.Invoke(call) ?? true) ? _failures.Dequeue() : default;
            result = failure.Status != 0
                ? (failure.Status, Fixture(failure.Fixture), failure.RetryAfter)
                : Answer(call);
            _calls.Add(call with { Status = result.Status });
        }
        context.Response.StatusCode = result.Status;
        if (result.RetryAfter is { } seconds) context.Response.Headers.RetryAfter = seconds.ToString(CultureInfo.InvariantCulture);
        if (result.Answer is not null)
        {
            context.Response.ContentType = "application/json";
            await context.Response.WriteAsync(result.Answer.ToJsonString());
        }
    }

    private (int, JsonNode?, int?) Answer(GraphCall call)
    {
        var s = call.Path.Split('/', StringSplitOptions.RemoveEmptyEntries);
        if (s.Length < 2 || s[0] != "users") return Bad(call, "unknown path");
        var mailbox = s[1];
        if (!Calendars.ContainsKey(mailbox)) return (404, Error("ErrorInvalidUser", "The requested user is invalid."), null);
        return (call.Method, s.Length, s.ElementAtOrDefault(2), s.ElementAtOrDefault(3), s.ElementAtOrDefault(4)) switch
        {
            ("POST", 4, "calendar", "getSchedule", _) => Schedule(call),
            ("POST", 3, "events", _, _) => Create(call, mailbox),
            ("GET", 4, "events", { } id, _) => Read(call, id),
            ("PATCH", 4, "events", { } id, _) => Patch(call, id),
            ("POST", 5, "events", { } id, "cancel") => Cancel(call, id),
            _ => Bad(call, "unknown operation"),
        };
    }

    private (int, JsonNode?, int?) Schedule(GraphCall call)
    {
        // getSchedule's parameters are named in Pascal case in Graph's metadata (the SDK sends "Schedules", "StartTime"),
        // camel case in the docs' examples; the service takes either.
        var b = call.Body as JsonObject;
        JsonNode? Parameter(string name) => b?.FirstOrDefault(p => string.Equals(p.Key, name, StringComparison.OrdinalIgnoreCase)).Value;
        var schedules = Parameter("schedules") as JsonArray;
        var start = Instant(Parameter("startTime"));
        var end = Instant(Parameter("endTime"));
        var interval = (int?)Parameter("availabilityViewInterval") ?? 30;
        if (schedules is null || schedules.Count is 0 or > 20) return Bad(call, "getSchedule: schedules must list 1 to 20 addresses");
        if (start is null || end is null || end <= start || end - start >= TimeSpan.FromDays(62)) return Bad(call, "getSchedule: a start and end under 62 days apart");
        if (interval is < 5 or > 1440) return Bad(call, "getSchedule: availabilityViewInterval 5..1440");
        var value = new JsonArray();
        foreach (var node in schedules)
        {
            var email = (string)node!;
            if (!Calendars.TryGetValue(email, out var busy))
            {
                value.Add(new JsonObject
                {
                    ["scheduleId"] = email, ["availabilityView"] = "",
                    ["error"] = new JsonObject { ["message"] = "The specified user could not be found.", ["responseCode"] = "ErrorMailRecipientNotFound" },
                });
                continue;
            }
            var items = busy.Where(p => p.Start < end && p.End > start).ToList();
            var view = string.Concat(Enumerable.Range(0, (int)Math.Ceiling((end.Value - start.Value).TotalMinutes / interval)).Select(i =>
            {
                var from = start.Value.AddMinutes(i * interval);
                var hit = items.Where(p => p.Start < from.AddMinutes(interval) && p.End > from).Select(p => p.Status).ToList();
                return hit.Contains("oof") ? '3' : hit.Contains("busy") ? '2' : hit.Contains("tentative") ? '1' : '0';
            }));
            value.Add(new JsonObject
            {
                ["scheduleId"] = email,
                ["availabilityView"] = view,
                ["scheduleItems"] = new JsonArray([.. items.Select(p => (JsonNode)new JsonObject
                {
                    ["isPrivate"] = false, ["status"] = p.Status,
                    ["start"] = Utc(p.Start), ["end"] = Utc(p.End),
                })]),
                ["workingHours"] = new JsonObject
                {
                    ["daysOfWeek"] = new JsonArray("monday", "tuesday", "wednesday", "thursday", "friday"),
                    ["startTime"] = "08:00:00.0000000", ["endTime"] = "17:00:00.0000000",
                    ["timeZone"] = new JsonObject { ["name"] = "GMT Standard Time" },
                },
            });
        }
        return (200, new JsonObject { ["@odata.context"] = "https://graph.microsoft.com/v1.0/$metadata#Collection(microsoft.graph.scheduleInformation)", ["value"] = value }, null);
    }

    private (int, JsonNode?, int?) Create(GraphCall call, string mailbox)
    {
        var b = call.Body as JsonObject;
        if (b is null) return Bad(call, "create: no body");
        if ((bool?)b["isOnlineMeeting"] != true || (string?)b["onlineMeetingProvider"] != "teamsForBusiness")
            return Bad(call, "create: a Teams meeting needs isOnlineMeeting true and onlineMeetingProvider teamsForBusiness");
        if ((string?)b["transactionId"] is not { Length: > 0 } transaction) return Bad(call, "create: the bot always sends a transactionId");
        if (Instant(b["start"]) is not { } start || Instant(b["end"]) is not { } end || end <= start) return Bad(call, "create: start and end");
        if (b["attendees"] is not JsonArray attendees || attendees.Any(a => (string?)a?["emailAddress"]?["address"] is null
            || (string?)a?["type"] is not ("required" or "optional"))) return Bad(call, "create: attendees need an address and a type");
        if ((string?)b["subject"] is null || (string?)b["body"]?["content"] is null) return Bad(call, "create: subject and body");

        if (_eventByTransaction.TryGetValue(transaction, out var existing)) return (201, _events[existing].DeepClone(), null);
        var ev = (JsonObject)Fixture("event-create-response.json");
        var id = $"AAMkFAKE{Interlocked.Increment(ref _lastEvent):D4}=";
        ev["id"] = id;
        ev["transactionId"] = transaction;
        ev["subject"] = b["subject"]!.DeepClone();
        ev["start"] = b["start"]!.DeepClone();
        ev["end"] = b["end"]!.DeepClone();
        ev["organizer"] = new JsonObject { ["emailAddress"] = new JsonObject { ["address"] = mailbox } };
        ev["attendees"] = new JsonArray([.. attendees.Select(a => (JsonNode)new JsonObject
        {
            ["type"] = a!["type"]!.DeepClone(),
            ["status"] = new JsonObject { ["response"] = "none", ["time"] = "0001-01-01T00:00:00Z" },
            ["emailAddress"] = a["emailAddress"]!.DeepClone(),
        })]);
        ev["onlineMeeting"]!["joinUrl"] = $"https://teams.microsoft.com/l/meetup-join/19%3ameeting_FAKE{_lastEvent:D4}%40thread.v2/0";
        _events[id] = ev;
        _eventByTransaction[transaction] = id;
        return (201, ev.DeepClone(), null);
    }

    private (int, JsonNode?, int?) Read(GraphCall call, string id)
    {
        if (!_events.TryGetValue(id, out var ev)) return (404, Error("ErrorItemNotFound", "The specified object was not found in the store."), null);
        var copy = (JsonObject)ev.DeepClone();
        foreach (var attendee in copy["attendees"]!.AsArray())
            attendee!["status"]!["response"] = Answers.GetValueOrDefault((string)attendee["emailAddress"]!["address"]!, "none");
        return (200, copy, null);
    }

    private (int, JsonNode?, int?) Patch(GraphCall call, string id)
    {
        if (!_events.TryGetValue(id, out var ev)) return (404, Error("ErrorItemNotFound", "The specified object was not found in the store."), null);
        var b = call.Body as JsonObject;
        // The SDK adds the model's "@odata.type"; anything else would change more than the time.
        if (b is null || b.Any(p => p.Key is not ("start" or "end") && !p.Key.StartsWith("@odata.", StringComparison.Ordinal)))
            return Bad(call, "patch: the bot moves a meeting by its start and end only");
        if (Instant(b["start"]) is not { } start || Instant(b["end"]) is not { } end || end <= start) return Bad(call, "patch: start and end");
        ev["start"] = b["start"]!.DeepClone();
        ev["end"] = b["end"]!.DeepClone();
        return (200, ev.DeepClone(), null);
    }

    private (int, JsonNode?, int?) Cancel(GraphCall call, string id)
    {
        if (!_events.TryGetValue(id, out var ev)) return (404, Error("ErrorItemNotFound", "The specified object was not found in the store."), null);
        ev["isCancelled"] = true;
        return (202, null, null);
    }

    private (int, JsonNode?, int?) Bad(GraphCall call, string problem)
    {
        _problems.Add($"{call.Method} {call.Path}: {problem}");
        return (400, Error("BadRequest", problem), null);
    }

    /// <summary>A Graph dateTimeTimeZone as an instant: UTC, or the Windows name for London the bot sends.</summary>
    public static DateTimeOffset? Instant(JsonNode? value)
    {
        if ((string?)value?["dateTime"] is not { } text || (string?)value["timeZone"] is not { } zone) return null;
        if (text.Contains('Z') || text.Contains('+')) return null; // Graph wants wall-clock time with the zone apart
        var local = DateTime.Parse(text, CultureInfo.InvariantCulture);
        var tz = zone switch { "UTC" => TimeZoneInfo.Utc, "GMT Standard Time" => TimeZoneInfo.FindSystemTimeZoneById("Europe/London"), _ => null };
        return tz is null ? null : new DateTimeOffset(TimeZoneInfo.ConvertTimeToUtc(DateTime.SpecifyKind(local, DateTimeKind.Unspecified), tz), TimeSpan.Zero);
    }

    private static JsonObject Utc(DateTimeOffset at) =>
        new() { ["dateTime"] = at.UtcDateTime.ToString("yyyy-MM-ddTHH:mm:ss.fffffff", CultureInfo.InvariantCulture), ["timeZone"] = "UTC" };

    private static JsonNode Fixture(string name) => JsonNode.Parse(File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "Fixtures", "graph", name)))!;

    private static JsonObject Error(string code, string message) => new()
    {
        ["error"] = new JsonObject
        {
            ["code"] = code, ["message"] = message,
            ["innerError"] = new JsonObject { ["date"] = "2026-03-02T09:15:41", ["request-id"] = "99999999-9999-4999-8999-999999999999" },
        },
    };
}
