namespace TeamsSafeguarding.Teams;

/// <summary>
/// Teams re-sends an activity (same id in the same conversation) when the bot is slow to answer. The
/// endpoint claims (conversationId, activityId) before handling, so a redelivery is processed once.
/// An invoke's answer is remembered so a redelivered invoke gets the same answer instead of a second run: the guard
/// itself holds only ids and the status; the answer is kept with the data it shows (<see cref="InvokeResponse.KeepWith"/>)
/// or not at all.
/// </summary>
public interface IActivityDeduplicator
{
    /// <returns>true when this is the first delivery; false for a redelivery.</returns>
    Task<bool> TryClaimAsync(string conversationId, string activityId, CancellationToken cancellationToken);

    /// <summary>Undo a claim when handling failed, so that Teams' redelivery can try again.</summary>
    Task ReleaseAsync(string conversationId, string activityId, CancellationToken cancellationToken);

    Task RememberResponseAsync(string conversationId, string activityId, InvokeResponse response, CancellationToken cancellationToken);

    /// <returns>The first answer; <see cref="InvokeResponse.AlreadyHandled"/> when it was not kept; null while the first
    /// delivery is still being handled.</returns>
    Task<InvokeResponse?> FindResponseAsync(string conversationId, string activityId, CancellationToken cancellationToken);
}
