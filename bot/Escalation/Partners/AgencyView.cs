namespace TeamsSafeguarding.Escalation.Partners;

/// <summary>
/// One agency's standing on a case: its current view, how many views it has given, and the requests (clicks) already
/// taken. Bounded whatever the members do: the history of changes is in the case log. (A view that stood at the
/// decision deadline never needs keeping once replaced: a majority at the deadline decides at once and later views
/// are refused, so only a view changed after a deadline without a majority is replaced, and dropping it from the
/// deadline's count cannot make a majority.) <see cref="Late"/>: given after the decision, by an agency that had none;
/// recorded and shown, never counted.
/// </summary>
public sealed record AgencyView(PartnerView Current, int Times, IReadOnlyList<string> RecentRequests, bool Late = false)
{
    /// <summary>How many recent request ids are kept to recognise a redelivered click.</summary>
    public const int RememberedRequests = 10;

    public bool HasTaken(string requestId) => RecentRequests.Contains(requestId, StringComparer.Ordinal);

    public AgencyView Then(PartnerView next) => new(next, Times + 1, [.. RecentRequests.Append(next.RequestId).TakeLast(RememberedRequests)], Late);

    public static AgencyView First(PartnerView view, bool late = false) => new(view, 1, [view.RequestId], late);
}
