using System.Text.Json;
using Microsoft.Extensions.Options;
using TeamsSafeguarding.Teams.Auth;

namespace TeamsSafeguarding.Teams;

/// <summary>
/// POST /api/messages: size limit, parse, authenticate, de-duplicate, hand to the bot, answer.
/// Answers follow the Bot Framework SDK's CloudAdapter: 400 unparsable, 401 any auth failure (no body),
/// 413 too large, 200 empty for non-invokes, the bot's chosen status/body for invokes, 501 unhandled invoke,
/// and a bare 503 when storage cannot take the activity in (Teams sends it again). No answer carries exception text.
/// </summary>
public static class BotEndpoint
{
    public static IEndpointRouteBuilder MapBotEndpoint(this IEndpointRouteBuilder app, string path = "/api/messages")
    {
        app.MapPost(path, HandleAsync);
        return app;
    }

    private static async Task<IResult> HandleAsync(HttpContext http, IInboundAuthenticator authenticator,
        IActivityDeduplicator deduplicator, IBot bot, IOptions<BotOptions> options, ILoggerFactory loggers,
        CancellationToken ct)
    {
        var log = loggers.CreateLogger("TeamsSafeguarding.Teams.BotEndpoint");
        var maxBytes = options.Value.MaxRequestBytes;

        var body = await RequestBody.ReadAsync(http.Request, maxBytes, ct);
        if (body is null)
        {
            log.LogWarning("Rejected an activity larger than {MaxBytes} bytes", maxBytes);
            return Results.StatusCode(StatusCodes.Status413PayloadTooLarge);
        }

        Activity? activity;
        try
        {
            activity = ActivityJson.Parse(body);
        }
        catch (JsonException)
        {
            log.LogWarning("Rejected an activity that is not valid JSON");
            return Results.Problem(statusCode: 400, title: "The request body is not a valid activity.");
        }
        if (activity is null || string.IsNullOrWhiteSpace(activity.Type))
            return Results.Problem(statusCode: 400, title: "The activity has no type.");

        var auth = await authenticator.AuthenticateAsync(http.Request.Headers.Authorization.FirstOrDefault(),
            activity.ChannelId, activity.ServiceUrl, activity.TenantId, ct);
        if (!auth.Succeeded)
        {
            log.LogWarning("Rejected an unauthenticated {ActivityType} activity: {Reason}", activity.Type, auth.FailureReason);
            return Results.StatusCode(StatusCodes.Status401Unauthorized);
        }

        try
        {
            return await HandOnAsync(activity, deduplicator, bot, log, ct);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            // Storage down while claiming or remembering: nothing was half-done that a redelivery cannot redo.
            // A bare 503 (never the exception: in Development the framework would print the stack trace).
            log.LogError("A {ActivityType} activity could not be taken in: {ExceptionType}", activity.Type, ex.GetType().Name);
            return Results.StatusCode(StatusCodes.Status503ServiceUnavailable);
        }
    }

    private static async Task<IResult> HandOnAsync(Activity activity, IActivityDeduplicator deduplicator, IBot bot, ILogger log,
        CancellationToken ct)
    {
        var isInvoke = activity.Type == ActivityTypes.Invoke;
        var conversationId = activity.Conversation?.Id;
        var activityId = activity.Id;
        var canDedupe = !string.IsNullOrEmpty(conversationId) && !string.IsNullOrEmpty(activityId);

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
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            // Exception messages can carry user input, so only the type is logged.
            log.LogError("Handling a {ActivityType} activity failed with {ExceptionType}", activity.Type, ex.GetType().Name);
            if (canDedupe) await ReleaseQuietlyAsync(deduplicator, conversationId!, activityId!, log);
            return isInvoke
                ? Write(InvokeResponse.Error(500, "InternalError", "Something went wrong on our side. Nothing you entered was lost; please try again."))
                : Results.StatusCode(StatusCodes.Status500InternalServerError);
        }

        if (!isInvoke) return Results.Ok();
        answer ??= InvokeResponse.NotImplemented();
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

    private static IResult Write(InvokeResponse response) =>
        response.Body is null
            ? Results.StatusCode(response.Status)
            : Results.Content(response.Body.ToJsonString(), "application/json", statusCode: response.Status);
}
