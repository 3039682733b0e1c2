using System.Net.Sockets;
using Azure;
using TeamsSafeguarding.Teams;

namespace TeamsSafeguarding.Storage;

/// <summary>
/// Which Table Storage failures pass: no answer at all (connection refused or reset, DNS, a timeout), 408, 429
/// (throttled), and 5xx (500 busy, 503 server busy, 504). Any other answer (400 bad key or value, 413 entity too
/// large, 404 table gone…) and any failure that is not storage's (a bug) happens again on every try.
/// </summary>
public static class StorageFailures
{
    public static FailureKind Classify(Exception exception) => exception switch
    {
        RequestFailedException { Status: 0 } e => new(true, Describe(e)),
        RequestFailedException e => new(IsTransientStatus(e.Status), Describe(e)),
        // The SDK's retries give up with every attempt's failure inside: transient only if they all were.
        AggregateException { InnerExceptions.Count: > 0 } e => new(e.InnerExceptions.All(i => Classify(i).Transient),
            $"{nameof(AggregateException)} of {string.Join(", ", e.InnerExceptions.Select(i => Classify(i).Description).Distinct())}"),
        HttpRequestException or IOException or SocketException or TimeoutException or OperationCanceledException =>
            new(true, exception.GetType().Name),
        _ => new(false, exception.GetType().Name),
    };

    public static bool IsTransientStatus(int status) => status is 408 or 429 or >= 500;

    private static string Describe(RequestFailedException e) =>
        string.IsNullOrEmpty(e.ErrorCode) ? $"Table Storage {e.Status}" : $"Table Storage {e.Status} {e.ErrorCode}";
}
