using System.Text.Json;
using System.Text.Json.Serialization;
using Azure;
using Azure.Data.Tables;
using TeamsSafeguarding.Cases;
using TeamsSafeguarding.Escalation.Meetings;

namespace TeamsSafeguarding.Meetings;

/// <summary>How the meeting's time reached people: in the organiser's calendar (Graph), or as an invitation file.</summary>
public enum CalendarMode { Graph, InvitationFile }

/// <summary>Where a booking stands: asked of the calendar, in it, being moved or cancelled there, or cancelled (kept so an invitation file can say so).</summary>
public enum BookingStatus { Requested, Booked, Moving, Cancelling, Cancelled }

/// <summary>
/// The agreed time. With Graph: the event's id and Teams join link. With an invitation file: the file's unguessable
/// token (its link holds no personal data) and its sequence, raised on every change so calendars replace it.
/// </summary>
public sealed record Booking(MeetingTime Time, CalendarMode Mode, BookingStatus Status, string? EventId = null, string? JoinUrl = null,
    string? InvitationToken = null, int Sequence = 0, MeetingTime? MovingTo = null);

/// <summary>The times found in the calendars, to choose from.</summary>
public sealed record FoundTimes(IReadOnlyList<ProposedSlot> Slots, DateTimeOffset FoundAt, int Unknown);

/// <summary>An invitee's answer as the organiser's calendar has it ("accepted", "declined", "tentativelyAccepted", "none", …).</summary>
public sealed record AttendeeResponse(string Email, string Response);

/// <summary>
/// The review meeting of one case, row "meeting" of the case partition: the arrangement as typed (a draft, kept like
/// referral drafts) and as recorded, the organiser's key in Teams if known, the cycle (each further review is another),
/// the booking attempt (the calendar's idempotency key is made from it), the times found, the booking, the attendees'
/// answers, the last calendar problem in words for the coordinators, and whether the channel card is posted (later
/// changes update it in place). Replaced with its ETag.
/// </summary>
public sealed record MeetingRow(
    string CaseId,
    int Cycle,
    IReadOnlyDictionary<string, string> Draft,
    Arrangement? Arrangement = null,
    string? OrganiserKey = null,
    int BookingAttempt = 0,
    FoundTimes? Times = null,
    Booking? Booking = null,
    IReadOnlyList<AttendeeResponse>? Responses = null,
    DateTimeOffset? ResponsesReadAt = null,
    string? CalendarProblem = null,
    bool CardPosted = false,
    ETag ETag = default)
{
    public const string Row = "meeting";

    // Computed properties (counts, words) are not stored: they are worked out again when read.
    internal static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web) { Converters = { new JsonStringEnumConverter() }, IgnoreReadOnlyProperties = true };

    public static MeetingRow Start(string caseId) => new(caseId, 1, new Dictionary<string, string>());

    /// <summary>The key the channel card is posted under, so later changes update it in place.</summary>
    public const string CardKey = "meeting-card";

    public bool IsBooked => Booking is { Status: BookingStatus.Booked or BookingStatus.Moving or BookingStatus.Cancelling };

    /// <summary>A new review cycle (a further review, or a re-escalation): same people, nothing booked yet.</summary>
    public MeetingRow NextCycle() => this with { Cycle = Cycle + 1, Times = null, Booking = null, Responses = null, ResponsesReadAt = null, CalendarProblem = null };

    /// <summary>The calendar's idempotency key for a booking attempt (attempts count up across cycles): a retried create never books twice.</summary>
    public static string TransactionIdOf(string caseId, int bookingAttempt) => $"sab-{caseId}-booking-{bookingAttempt}";

    /// <summary>Answers by kind, for channel cards: counts only.</summary>
    public (int Accepted, int Tentative, int Declined, int Waiting) ResponseCounts()
    {
        var all = Responses ?? [];
        int Count(params string[] answers) => all.Count(r => answers.Contains(r.Response, StringComparer.OrdinalIgnoreCase));
        return (Count("accepted"), Count("tentativelyAccepted"), Count("declined"), all.Count - Count("accepted", "tentativelyAccepted", "declined"));
    }

    public TableEntity ToEntity()
    {
        var e = new TableEntity(CaseRow.PartitionOf(CaseId), Row)
        {
            ["Cycle"] = Cycle,
            ["OrganiserKey"] = OrganiserKey,
            ["BookingAttempt"] = BookingAttempt,
            ["Times"] = Times is null ? null : JsonSerializer.Serialize(Times, Json),
            ["Booking"] = Booking is null ? null : JsonSerializer.Serialize(Booking, Json),
            ["ResponsesReadAt"] = ResponsesReadAt,
            ["CalendarProblem"] = CalendarProblem,
            ["CardPosted"] = CardPosted,
        };
        // Addresses and names of the people asked: kept on the case file, never logged or shown in a channel.
        ChunkedText.Write(e, "Draft", JsonSerializer.Serialize(Draft, Json));
        if (Arrangement is not null) ChunkedText.Write(e, "Arrangement", JsonSerializer.Serialize(Arrangement, Json));
        if (Responses is not null) ChunkedText.Write(e, "Responses", JsonSerializer.Serialize(Responses, Json));
        return e;
    }

    public static MeetingRow FromEntity(string caseId, TableEntity e) => new(
        caseId,
        e.GetInt32("Cycle") ?? 1,
        Read<Dictionary<string, string>>(ChunkedText.Read(e, "Draft")) ?? [],
        Read<Arrangement>(ChunkedText.Read(e, "Arrangement")),
        e.GetString("OrganiserKey"),
        e.GetInt32("BookingAttempt") ?? 0,
        Read<FoundTimes>(e.GetString("Times")),
        Read<Booking>(e.GetString("Booking")),
        Read<List<AttendeeResponse>>(ChunkedText.Read(e, "Responses")),
        e.GetDateTimeOffset("ResponsesReadAt"),
        e.GetString("CalendarProblem"),
        e.GetBoolean("CardPosted") ?? false,
        e.ETag);

    internal static T? Read<T>(string? json) where T : class => json is null ? null : JsonSerializer.Deserialize<T>(json, Json);
}
