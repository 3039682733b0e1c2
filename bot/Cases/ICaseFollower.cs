using TeamsSafeguarding.Escalation.Cases;

namespace TeamsSafeguarding.Cases;

/// <summary>
/// Something kept in step with case heads outside the case's partition (the board's register, the retention clock).
/// <see cref="CaseCommands"/> calls every follower with the head before and after a change, BEFORE the change commits,
/// as it writes the due index: a follower can be a step ahead of the case (if the commit then fails, the command runs
/// again and calls it again), never behind. Whoever reads a follower's rows re-reads the case before acting on them.
/// Followers should write only when what they keep changed, so most clicks cost nothing more.
/// </summary>
public interface ICaseFollower
{
    Task FollowAsync(Case? before, Case after, CancellationToken ct);
}
