using TeamsSafeguarding.Board;

namespace TeamsSafeguarding.Meetings;

/// <summary>
/// Who may do what with a case's review meeting (checked on every click, refusals logged on the case): coordinators and
/// the deputy board manager run it; the organiser (once known in Teams) books, manages and records it; the chair may
/// read the record and the actions; an action's owner marks it done (a coordinator may, on their behalf).
/// </summary>
public sealed class MeetingAccess(BoardDirectory directory)
{
    public const string NotCoordinator = "Only the board's coordinators (or the deputy board manager) can do this.";
    public const string NotOrganiser = "Only the meeting's organiser or the board's coordinators can do this.";
    public const string NotReader = "Only the meeting's organiser, the board's coordinators and the chair can see the meeting's record and actions.";
    public const string NotOwner = "Only the action's owner (or a coordinator, on their behalf) can mark it done.";

    public Escalation.Cases.CaseActor ActorFor(string userKey) => directory.ActorFor(userKey);

    public bool IsCoordinator(string userKey) => directory.HasAny(userKey, BoardRole.Coordinator, BoardRole.DeputyBoardManager);

    public bool IsOrganiser(string userKey, MeetingRow? meeting) =>
        meeting?.OrganiserKey is { } organiser && string.Equals(organiser, userKey, StringComparison.OrdinalIgnoreCase);

    public bool MayRun(string userKey, MeetingRow? meeting) => IsCoordinator(userKey) || IsOrganiser(userKey, meeting);

    public bool MayRead(string userKey, MeetingRow? meeting) => MayRun(userKey, meeting) || directory.HasAny(userKey, BoardRole.Chair);

    public bool MayMarkDone(string userKey, string? ownerKey) =>
        (ownerKey is not null && string.Equals(ownerKey, userKey, StringComparison.OrdinalIgnoreCase)) || IsCoordinator(userKey);
}
