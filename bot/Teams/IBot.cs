namespace TeamsSafeguarding.Teams;

/// <summary>
/// What the protocol layer hands an authenticated, de-duplicated activity to. The answer is only used for
/// invokes (their HTTP body); for other activities return null and the endpoint answers 200.
/// </summary>
public interface IBot
{
    Task<InvokeResponse?> OnActivityAsync(Activity activity, CancellationToken cancellationToken);
}
