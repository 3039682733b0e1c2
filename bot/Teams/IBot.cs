namespace TeamsSafeguarding.Teams;

/// <summary>
/// What the protocol layer hands an authenticated, de-duplicated activity to. The answer is only used for
/// invokes (their HTTP body); for other activities return null and the endpoint answers 200.
/// </summary>
public interface IBot
{
    Task<InvokeResponse?> OnActivityAsync(Activity activity, CancellationToken cancellationToken);

    /// <summary>
    /// True when handling this activity twice does no harm and answers alike (it is idempotent by its activity id, or
    /// only reads): the endpoint then writes no redelivery guard for it. By default every activity gets one.
    /// </summary>
    bool HandlesRedelivery(Activity activity) => false;
}
