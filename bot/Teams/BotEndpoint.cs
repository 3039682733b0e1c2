using Microsoft.Extensions.Options;
using TeamsSafeguarding.Teams.Auth;

namespace TeamsSafeguarding.Teams;

/// <summary>
/// POST /api/messages: size limit, parse, authenticate, wait in line (<see cref="InboundQueue"/>), de-duplicate, hand to
/// the bot, answer.
/// Answers follow the Bot Framework SDK's CloudAdapter: 400 unparsable or not what Teams sends (ActivityReader),
/// 401 any auth failure (no body), 403 when the activity names two tenants, 413 too large, 200 empty for non-invokes,
/// the bot's chosen status/body for invokes, 400 for an invoke it does not handle. A failure that will pass (storage unreachable or
/// throttled, or the line full) is a bare 503 so Teams sends the activity again; one that would fail every time is a 422 (an invoke gets
/// an error card answer instead), so it is not redelivered for ever. No answer carries exception text.
/// </summary>
public static class BotEndpoint
{
    private const string Busy = "We could not save that just now. Nothing you entered was lost; please try again in a minute.";

    public static IEndpointRouteBuilder MapBotEndpoint(this IEndpointRouteBuilder app, string path = "/api/messages")
    {
        app.MapPost(path, HandleAsync);
        return app;
    }

    private static async Task<IResult> HandleAsync(HttpContext http, IInboundAuthenticator authenticator,
        IActivityDeduplicator deduplicator, IBot bot, ClassifyFailure classify, InboundQueue queue, IOptions<BotOptions> options,
        ILoggerFactory loggers, CancellationToken ct)
    {
        var log = loggers.CreateLogger("TeamsSafeguarding.Teams.BotEndpoint");
        var maxBytes = options.Value.MaxRequestBytes;

        var body = await RequestBody.ReadAsync(http.Request, maxBytes, ct);
        if (body is null)
        {
            log.LogWarning("Rejected an activity larger than {MaxBytes} bytes", maxBytes);
            return Results.StatusCode(StatusCodes.Status413PayloadTooLarge);
        }

        // Everything the bot uses is checked here, before any row is written for it.
        var read = ActivityReader.Read(body);
        if (read.Refusal is { } refusal)
        {
            log.LogWarning("Refused an activity ({Status}): {Reason}", refusal.Status, refusal.Reason);
            return refusal.Status == StatusCodes.Status400BadRequest
                ? Results.Problem(statusCode: 400, title: "The request body is not a valid activity.")
                : Results.StatusCode(refusal.Status);
        }
        var activity = read.Activity!;

        var auth = await authenticator.AuthenticateAsync(http.Request.Headers.Authorization.FirstOrDefault(),
            activity.ChannelId, activity.ServiceUrl, activity.TenantId, ct);
        if (!auth.Succeeded)
        {
            log.LogWarning("Rejected an unauthenticated {ActivityType} activity: {Reason}", activity.Type, auth.FailureReason);
            return Results.StatusCode(StatusCodes.Status401Unauthorized);
        }

        if (read.CardActionProblem is { } actionProblem)
        {
            log.LogWarning("Refused a card action: {Reason}", actionProblem);
            return Write(InvokeResponse.Error(400, "BadRequest", "This button could not be read. Type help to start again."));
        }

        using var place = await queue.EnterAsync(ct);
        if (place is null)
        {
            // More waiting than can be answered in time: turned away at once, as storage being busy would be.
            log.LogWarning("Turned away a {ActivityType} activity: too many waiting", activity.Type);
            return TryAgain(activity);
        }
        try
        {
            return await HandOnAsync(activity, deduplicator, bot, log, ct);
        }
        catch (Exception ex) when (!ct.IsCancellationRequested)
        {
            // Never the exception itself in the answer (in Development the framework would print the stack trace),
            // and only its type and codes in the log: messages can quote what was sent.
            var failure = classify(ex);
            var isInvoke = activity.Type == ActivityTypes.Invoke;
            if (failure.Transient)
            {
                // Storage down or throttled: nothing was half-done that a redelivery cannot redo.
                log.LogWarning("A {ActivityType} activity could not be taken in for now: {Failure}", activity.Type, failure.Description);
                return TryAgain(activity);
            }
            // It would fail the same way every time: answered 4xx, so it is not sent again for ever.
            log.LogError("A {ActivityType} activity could not be handled and would fail again: {Failure}", activity.Type, failure.Description);
            return isInvoke
                ? Write(InvokeResponse.Error(500, "InternalError", "Something went wrong on our side. Nothing you entered earlier was lost; please try again, or type help."))
                : Results.StatusCode(StatusCodes.Status422UnprocessableEntity);
        }
    }

    private static async Task<IResult> HandOnAsync(Activity activity, IActivityDeduplicator deduplicator, IBot bot, ILogger log,
        CancellationToken ct)
    {
        var isInvoke = activity.Type == ActivityTypes.Invoke;
        var conversationId = activity.Conversation?.Id;
        var activityId = activity.Id;
        // A handler that is idempotent by the activity id needs no guard: two storage writes fewer per click.
        var canDedupe = !string.IsNullOrEmpty(conversationId) && !string.IsNullOrEmpty(activityId) && !bot.HandlesRedelivery(activity);

        if (canDedupe && !await deduplicator.TryClaimAsync(conversationId!, activityId!, ct))
        {
            log.LogInformation("Ignored a redelivered {ActivityType} activity", activity.Type);
            if (!isInvoke) return Results.Ok();
            var earlier = await deduplicator.FindResponseAsync(conversationId!, activityId!, ct);
            return earlier is null
                ? Results.Json(InvokeResponse.Message("We are still working on your last click. Please wait a moment.").Body, statusCode: 200)
                : Write(earlier);
        }

        InvokeResponse? answer;
        try
        {
            answer = await bot.OnActivityAsync(activity, ct);
        }
        catch (Exception ex) when (ex is not OperationCanceledException || !ct.IsCancellationRequested)
        {
            // Let Teams' redelivery (or the person's next click) run it again from the start.
            if (canDedupe) await ReleaseQuietlyAsync(deduplicator, conversationId!, activityId!, log);
            throw;
        }

        if (!isInvoke) return Results.Ok();
        answer ??= InvokeResponse.NotSupported();
        if (canDedupe)
        {
            try { await deduplicator.RememberResponseAsync(conversationId!, activityId!, answer, ct); }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                // The click was handled: answer it. A redelivery would only get "still working".
                log.LogWarning("Could not remember the answer to an invoke: {ExceptionType}", ex.GetType().Name);
            }
        }
        return Write(answer);
    }

    private static async Task ReleaseQuietlyAsync(IActivityDeduplicator deduplicator, string conversationId, string activityId, ILogger log)
    {
        try { await deduplicator.ReleaseAsync(conversationId, activityId, CancellationToken.None); }
        catch (Exception ex)
        {
            log.LogWarning("Could not release a redelivery guard: {ExceptionType}", ex.GetType().Name);
        }
    }

    /// <summary>503, so Teams sends the activity again; an invoke also gets words the person can act on.</summary>
    private static IResult TryAgain(Activity activity) =>
        activity.Type == ActivityTypes.Invoke
            ? Write(InvokeResponse.Error(503, "ServiceUnavailable", Busy))
            : Results.StatusCode(StatusCodes.Status503ServiceUnavailable);

    // Written straight to the response as UTF-8: a card answer is tens of kilobytes, not worth a string of its own.
    private static IResult Write(InvokeResponse response) =>
        response.Body is null
            ? Results.StatusCode(response.Status)
            : Results.Json(response.Body, contentType: "application/json", statusCode: response.Status);
}
