using System.Diagnostics;
using System.Diagnostics.Metrics;
using TeamsSafeguarding.Teams;
using Activity = System.Diagnostics.Activity;

namespace TeamsSafeguarding.Operations.Telemetry;

/// <summary>
/// The bot's own spans and metrics (OpenTelemetry source and meter "TeamsSafeguarding"). Every attribute is a kind, an
/// outcome, a status or a count from a fixed set: never an id, a name or anything a person typed, so telemetry can go
/// to Application Insights like any operational data. Values that arrive from the network (activity types, invoke
/// names) are mapped onto the known ones first.
/// </summary>
public static class BotTelemetry
{
    public const string Name = "TeamsSafeguarding";

    public static readonly ActivitySource Source = new(Name);
    private static readonly Meter Meter = new(Name);

    private static readonly Counter<long> Invokes = Meter.CreateCounter<long>("safeguarding.invokes", "{invoke}",
        "Invoke activities (card buttons) answered, by invoke name and the status given.");
    private static readonly Counter<long> FailedSends = Meter.CreateCounter<long>("safeguarding.outbox.failed_sends", "{message}",
        "Outbox messages given up on (recorded as outboxfailed rows), by reason.");
    private static readonly Counter<long> DeadlinesDue = Meter.CreateCounter<long>("safeguarding.deadlines.due", "{deadline}",
        "Partners' deadlines the sweep acted on: reminders sent, decisions made at the deadline, casting decisions asked for.");

    private static OutboxBacklog _backlog = new(0, TimeSpan.Zero);

    static BotTelemetry()
    {
        Meter.CreateObservableGauge("safeguarding.outbox.backlog", () => Volatile.Read(ref _backlog).Messages, "{message}",
            "Messages waiting in the outbox at its last pass.");
        Meter.CreateObservableGauge("safeguarding.outbox.oldest_age", () => Volatile.Read(ref _backlog).OldestAge.TotalSeconds, "s",
            "How long the oldest waiting outbox message has waited, at the outbox's last pass.");
    }

    private sealed record OutboxBacklog(int Messages, TimeSpan OldestAge);

    private static readonly HashSet<string> KnownTypes =
    [
        ActivityTypes.Message, ActivityTypes.ConversationUpdate, ActivityTypes.InstallationUpdate, ActivityTypes.Invoke,
        ActivityTypes.MessageReaction, ActivityTypes.Event, "typing",
    ];

    private static readonly HashSet<string> KnownInvokes = ["adaptiveCard/action", "task/fetch", "task/submit"];

    /// <summary>The span for one inbound activity ("bot message", "bot invoke", …); end it with Handled or Failed.</summary>
    public static Activity? StartActivity(string? type, string? invokeName)
    {
        var kind = Known(type, KnownTypes);
        var span = Source.StartActivity($"bot {kind}", ActivityKind.Internal);
        span?.SetTag("bot.activity.type", kind);
        if (kind == ActivityTypes.Invoke) span?.SetTag("bot.invoke.name", Known(invokeName, KnownInvokes));
        return span;
    }

    /// <summary>
    /// The activity was handled. For invokes the outcome is the status the person's client sees (a card error's own
    /// statusCode, 400 when no feature handles it), and it is counted.
    /// </summary>
    public static void Handled(Activity? span, string? type, string? invokeName, InvokeResponse? response)
    {
        if (Known(type, KnownTypes) != ActivityTypes.Invoke)
        {
            span?.SetTag("bot.outcome", "ok");
            return;
        }
        response ??= InvokeResponse.NotSupported();
        var status = response.Body?["statusCode"]?.GetValue<int>() ?? response.Status;
        var outcome = status.ToString(System.Globalization.CultureInfo.InvariantCulture);
        span?.SetTag("bot.outcome", outcome);
        Invokes.Add(1, new("bot.invoke.name", Known(invokeName, KnownInvokes)), new("bot.outcome", outcome));
    }

    public static void Failed(Activity? span, Exception error)
    {
        span?.SetTag("bot.outcome", "error");
        span?.SetTag("error.type", error.GetType().FullName);
        span?.SetStatus(ActivityStatusCode.Error, error.GetType().Name); // the type only: messages can carry data
    }

    /// <summary>The span for one outbox send attempt; end it with <see cref="OutboxSendEnded"/>.</summary>
    public static Activity? StartOutboxSend(string targetKind, int attempt)
    {
        var span = Source.StartActivity("outbox send", ActivityKind.Internal);
        span?.SetTag("outbox.target_kind", targetKind);
        span?.SetTag("outbox.attempt", attempt);
        return span;
    }

    /// <param name="outcome">"sent", "retry" or "failed".</param>
    /// <param name="reason">For retries and failures: the Connector status and error code, or the exception type.</param>
    public static void OutboxSendEnded(Activity? span, string outcome, string? reason = null)
    {
        span?.SetTag("outbox.outcome", outcome);
        if (reason is not null) span?.SetTag("outbox.reason", reason);
        if (outcome == "failed")
        {
            span?.SetStatus(ActivityStatusCode.Error, reason);
            FailedSends.Add(1, new KeyValuePair<string, object?>("outbox.reason", reason));
        }
    }

    /// <summary>What the outbox held at its last pass (read by the backlog and age gauges).</summary>
    public static void OutboxObserved(int messages, TimeSpan oldestAge) =>
        Volatile.Write(ref _backlog, new OutboxBacklog(messages, oldestAge < TimeSpan.Zero ? TimeSpan.Zero : oldestAge));

    /// <summary>One pass of the partners' deadline sweep.</summary>
    public static void DeadlineSweep(int decided, int castingRequested, int reminders)
    {
        if (decided > 0) DeadlinesDue.Add(decided, new KeyValuePair<string, object?>("deadline.action", "decided"));
        if (castingRequested > 0) DeadlinesDue.Add(castingRequested, new KeyValuePair<string, object?>("deadline.action", "casting_requested"));
        if (reminders > 0) DeadlinesDue.Add(reminders, new KeyValuePair<string, object?>("deadline.action", "reminder"));
    }

    private static string Known(string? value, HashSet<string> known) => value is not null && known.Contains(value) ? value : "other";
}
