namespace TeamsSafeguarding.Meetings.Calendar;

/// <summary>How a calendar call failed, for deciding what next: try again later, or tell the coordinators.</summary>
public enum CalendarFailure
{
    /// <summary>Throttled, the service busy or unreachable: try again later (after Retry-After when given).</summary>
    Transient,
    /// <summary>403: a permission is not granted, or the mailbox is outside the application access policy.</summary>
    Forbidden,
    /// <summary>404: the mailbox or the event does not exist (any more).</summary>
    NotFound,
    /// <summary>Any other refusal (400 and the like): trying again will not help.</summary>
    Rejected,
}

/// <summary>A calendar call that failed: the kind, the HTTP status and Graph's error code; never a request or response body.</summary>
public sealed class CalendarException(CalendarFailure failure, int status, string? code, string message, TimeSpan? retryAfter = null,
    Exception? inner = null) : Exception(message, inner)
{
    public CalendarFailure Failure { get; } = failure;
    public int Status { get; } = status;
    public string? Code { get; } = code;
    public TimeSpan? RetryAfter { get; } = retryAfter;
    /// <summary>Graph's 403 for a mailbox outside an Exchange application access policy (graph-meetings.md section 5).</summary>
    public bool IsPolicyBlock { get; init; }
}
