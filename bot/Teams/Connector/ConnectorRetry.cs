using System.Net.Http.Headers;

namespace TeamsSafeguarding.Teams.Connector;

/// <summary>How hard the Connector client tries before giving up (configuration section "Bot:ConnectorRetry").</summary>
public sealed class ConnectorRetryOptions
{
    public const string Section = "Bot:ConnectorRetry";

    /// <summary>Attempts per call, the first included.</summary>
    public int MaxAttempts { get; set; } = 4;

    /// <summary>Wait before the first retry when the Connector gives no Retry-After; doubled each retry, +/-20% jitter.</summary>
    public TimeSpan FirstDelay { get; set; } = TimeSpan.FromSeconds(2);

    /// <summary>Longest single wait, even when Retry-After asks for more.</summary>
    public TimeSpan MaxDelay { get; set; } = TimeSpan.FromSeconds(30);
}

/// <summary>Which failures are worth another try, and how long to wait first. Pure functions.</summary>
public static class ConnectorRetry
{
    /// <summary>
    /// 429 (throttled), 412 (concurrent operations on the conversation) and server errors. 501/505 mean the
    /// operation or protocol is not supported, which no retry changes.
    /// </summary>
    public static bool IsRetryable(int status) =>
        status is 412 or 429 || (status >= 500 && status is not 501 and not 505);

    /// <summary>
    /// The wait before retry number <paramref name="attempt"/> (1 = after the first failure): the Connector's
    /// Retry-After (seconds or a date) when given, else exponential backoff; never negative, never above MaxDelay.
    /// </summary>
    /// <param name="jitter">A random number in [0, 1).</param>
    public static TimeSpan DelayBeforeRetry(int attempt, RetryConditionHeaderValue? retryAfter, DateTimeOffset now,
        ConnectorRetryOptions options, double jitter)
    {
        var wanted = retryAfter switch
        {
            { Delta: { } delta } => delta,
            { Date: { } date } => date - now,
            _ => Backoff(attempt, options, jitter),
        };
        if (wanted < TimeSpan.Zero) return TimeSpan.Zero;
        return wanted > options.MaxDelay ? options.MaxDelay : wanted;
    }

    /// <summary>The wait a Retry-After header asks for (seconds or a date), never negative; null when there is none.</summary>
    public static TimeSpan? RetryAfterOf(RetryConditionHeaderValue? retryAfter, DateTimeOffset now) => retryAfter switch
    {
        { Delta: { } delta } => delta < TimeSpan.Zero ? TimeSpan.Zero : delta,
        { Date: { } date } => date - now < TimeSpan.Zero ? TimeSpan.Zero : date - now,
        _ => null,
    };

    /// <summary>FirstDelay * 2^(attempt-1), scaled by 0.8..1.2 so that many senders do not retry in step.</summary>
    public static TimeSpan Backoff(int attempt, ConnectorRetryOptions options, double jitter)
    {
        var exponential = options.FirstDelay.TotalMilliseconds * Math.Pow(2, Math.Clamp(attempt - 1, 0, 30));
        var jittered = exponential * (0.8 + 0.4 * Math.Clamp(jitter, 0, 1));
        return TimeSpan.FromMilliseconds(Math.Min(jittered, options.MaxDelay.TotalMilliseconds));
    }
}
