using TeamsSafeguarding.Escalation.Cases;
using TeamsSafeguarding.Escalation.Partners;

namespace TeamsSafeguarding.Escalation.Triage;

/// <summary>Who recorded the deputy board manager's absence.</summary>
public enum AbsenceRecordedAs
{
    /// <summary>The deputy board manager's own "I'm away".</summary>
    Own,
    /// <summary>A cover period a coordinator set.</summary>
    Cover,
}

/// <summary>
/// A period the deputy board manager is away, in the board's (London) days, both included: while it covers today,
/// coordinators may send a referral to the statutory partners without triage (domain.md section 2, "DBM absent"), where
/// the board's process allows it. A recorded fact, not a coordinator's judgement at the moment of clicking. Who recorded
/// it is a member key: never a name.
/// </summary>
public sealed record DeputyAbsence(DateOnly From, DateOnly To, AbsenceRecordedAs RecordedAs, string RecordedBy, DateTimeOffset RecordedAt)
{
    /// <summary>The longest period one record may cover: a long absence is re-recorded, so it is looked at again.</summary>
    public const int MaxDays = 92;

    /// <summary>The inputs the errors are about (the card's date inputs).</summary>
    public const string FromField = "absenceFrom";
    public const string ToField = "absenceTo";

    public bool Covers(DateOnly day) => day >= From && day <= To;

    /// <summary>"away 10 April 2026 to 17 April 2026 (cover set by a coordinator)": channel-safe words for cards and the case log.</summary>
    public string Words => $"away {DisplayDate.Of(From)} to {DisplayDate.Of(To)} ({(RecordedAs == AbsenceRecordedAs.Own ? "recorded by the deputy board manager" : "cover set by a coordinator")})";

    /// <summary>
    /// A new absence, checked: both dates given, the end not before the start nor before <paramref name="today"/>, at most
    /// <see cref="MaxDays"/> days long. Errors are keyed by the card's input ids.
    /// </summary>
    public static (DeputyAbsence? Absence, IReadOnlyList<FieldError> Errors) Record(DateOnly? from, DateOnly? to, DateOnly today,
        AbsenceRecordedAs recordedAs, string recordedBy, DateTimeOffset at)
    {
        var errors = new List<FieldError>();
        if (from is null) errors.Add(new(FromField, "Enter the first day away."));
        if (to is null) errors.Add(new(ToField, "Enter the last day away."));
        if (from is { } f && to is { } t)
        {
            if (t < f) errors.Add(new(ToField, "The last day away cannot be before the first."));
            else if (t < today) errors.Add(new(ToField, "The last day away has passed: there is nothing to record."));
            else if (t.DayNumber - f.DayNumber + 1 > MaxDays) errors.Add(new(ToField, $"Record at most {MaxDays} days at a time."));
        }
        return errors.Count > 0 ? (null, errors) : (new DeputyAbsence(from!.Value, to!.Value, recordedAs, recordedBy, at), []);
    }
}
