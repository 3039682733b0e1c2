using TeamsSafeguarding.Cases;
using TeamsSafeguarding.Escalation.Cases;
using TeamsSafeguarding.Escalation.Meetings;

namespace TeamsSafeguarding.Meetings.Calendar;

/// <summary>
/// Queues a calendar call inside a case command: the request row, its visit in the due index (now) and a log line commit
/// with the change that asks for it. After the command, waking the calendar's signal (<see cref="CalendarSignal"/>) gets
/// it done at once.
/// </summary>
public static class CalendarQueue
{
    public const string Kind = "calendar";

    public static CaseWrites Enqueue(this CaseWrites writes, CalendarRequestKind kind, int bookingAttempt, MeetingTime? time = null)
    {
        var request = CalendarRequest.New(writes.CaseId, kind, bookingAttempt, time, writes.Now, writes.Actor.Key);
        return writes.Put(request.ToEntity()).Schedule(Kind, writes.Now).Log(CaseActions.CalendarRequested, Words(kind));
    }

    public static string Words(CalendarRequestKind kind) => kind switch
    {
        CalendarRequestKind.FindTimes => "Find free times",
        CalendarRequestKind.Book => "Book the meeting",
        CalendarRequestKind.Reschedule => "Move the meeting",
        CalendarRequestKind.Cancel => "Cancel the meeting",
        _ => "Read the attendees' answers",
    };
}
