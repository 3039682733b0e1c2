namespace TeamsSafeguarding.Teams;

/// <summary>
/// What a failure while taking an activity in means for the sender. Transient (storage briefly unreachable, throttled,
/// timing out): the endpoint answers 503 and Teams sends the activity again. Otherwise it would fail the same way on
/// every delivery, so the sender gets a 4xx and the activity is not redelivered for ever.
/// <see cref="Description"/> is for the log: a type and codes, never a message (those can quote what was sent).
/// </summary>
public sealed record FailureKind(bool Transient, string Description);

/// <summary>Sorts failures into <see cref="FailureKind"/>s; the storage layer registers the one the endpoint uses.</summary>
public delegate FailureKind ClassifyFailure(Exception exception);
