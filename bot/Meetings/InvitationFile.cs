using Ical.Net.CalendarComponents;
using Ical.Net.DataTypes;
using Ical.Net.Serialization;
using TeamsSafeguarding.Escalation.Meetings;

namespace TeamsSafeguarding.Meetings;

/// <summary>
/// The meeting as an iCalendar file (.ics) people add to their own calendars when the bot books nothing itself (no Graph):
/// the case reference, the time and a stable id, nothing personal (no names, no addresses: it is fetched by an
/// unguessable link that needs no sign-in). A later change raises the sequence so calendars replace the earlier copy;
/// a cancelled meeting is published as cancelled.
/// </summary>
public static class InvitationFile
{
    public const string ContentType = "text/calendar; charset=utf-8";

    public static string Of(string caseId, string reference, int cycle, MeetingTime time, int sequence, bool cancelled, DateTimeOffset stamp)
    {
        var calendar = new Ical.Net.Calendar { Method = cancelled ? "CANCEL" : "PUBLISH", ProductId = "-//TeamsSafeguarding//Review meeting//EN" };
        calendar.Events.Add(new CalendarEvent
        {
            Uid = $"{caseId}-meeting-{cycle}@teams-safeguarding",
            Summary = Subject(reference),
            Description = $"Senior management review meeting for referral {reference}. The case details are in Microsoft Teams, for those whose role allows.",
            DtStart = new CalDateTime(time.Start.UtcDateTime, "UTC"),
            DtEnd = new CalDateTime(time.End.UtcDateTime, "UTC"),
            DtStamp = new CalDateTime(stamp.UtcDateTime, "UTC"),
            Sequence = sequence,
            Status = cancelled ? "CANCELLED" : "CONFIRMED",
        });
        return new CalendarSerializer().SerializeToString(calendar) ?? "";
    }

    /// <summary>The meeting's title wherever it appears (calendar event, invitation file): the case reference only.</summary>
    public static string Subject(string reference) => $"Senior management review - {reference}";
}
