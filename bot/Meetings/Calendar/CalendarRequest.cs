using Azure;
using Azure.Data.Tables;
using TeamsSafeguarding.Cases;
using TeamsSafeguarding.Escalation.Meetings;

namespace TeamsSafeguarding.Meetings.Calendar;

public enum CalendarRequestKind { FindTimes, Book, Reschedule, Cancel, ReadResponses }

/// <summary>
/// A call to make to the organiser's calendar, queued in the case partition ("calendar|{time}-{n}") in the same
/// transaction as the change that asks for it, and done by <see cref="CalendarSweep"/> in order, one at a time per case.
/// A crash or throttling loses nothing (the row stays until its result is recorded) and repeats nothing (a booking is
/// created with the booking attempt's transaction id, so a create sent twice makes one event).
/// </summary>
public sealed record CalendarRequest(string CaseId, string RowKey, CalendarRequestKind Kind, int BookingAttempt, MeetingTime? Time,
    int Tries, DateTimeOffset NotBefore, string RequestedBy, ETag ETag = default)
{
    public const string Prefix = "calendar|";

    private static long _sequence;

    /// <summary>
    /// A new request, keyed by time and then by this process's count, so requests queued at the same instant keep their order;
    /// the random tail keeps two instances' keys apart.
    /// </summary>
    public static CalendarRequest New(string caseId, CalendarRequestKind kind, int attempt, MeetingTime? time, DateTimeOffset now, string by) =>
        new(caseId, $"{Prefix}{now.UtcTicks:D19}-{Interlocked.Increment(ref _sequence):D12}-{Guid.NewGuid().ToString("N")[..8]}", kind, attempt, time, 0, now, by);

    public TableEntity ToEntity() => new(CaseRow.PartitionOf(CaseId), RowKey)
    {
        ["Kind"] = Kind.ToString(),
        ["BookingAttempt"] = BookingAttempt,
        ["Start"] = Time?.Start,
        ["End"] = Time?.End,
        ["Tries"] = Tries,
        ["NotBefore"] = NotBefore,
        ["RequestedBy"] = RequestedBy,
    };

    public static CalendarRequest FromEntity(string caseId, TableEntity e) => new(
        caseId,
        e.RowKey,
        Enum.TryParse<CalendarRequestKind>(e.GetString("Kind"), out var kind) ? kind : throw new InvalidDataException("A calendar request has no known kind."),
        e.GetInt32("BookingAttempt") ?? 0,
        e.GetDateTimeOffset("Start") is { } start && e.GetDateTimeOffset("End") is { } end ? new MeetingTime(start, end) : null,
        e.GetInt32("Tries") ?? 0,
        e.GetDateTimeOffset("NotBefore") ?? default,
        e.GetString("RequestedBy") ?? "bot",
        e.ETag);
}
