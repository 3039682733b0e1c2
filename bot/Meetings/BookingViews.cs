using System.Globalization;
using TeamsSafeguarding.Cards;
using TeamsSafeguarding.Cards.Meetings;
using TeamsSafeguarding.Escalation.Calendar;
using TeamsSafeguarding.Escalation.Cases;
using TeamsSafeguarding.Escalation.Meetings;
using TeamsSafeguarding.Escalation.Partners;

namespace TeamsSafeguarding.Meetings;

/// <summary>The pages for choosing, booking and managing the meeting's time (answers to a click, for that person only).</summary>
public static class BookingViews
{
    public const string SlotId = "time.slot";
    public const string OtherTime = "other";
    public const string ConfirmKey = "confirm";

    public const string NoCalendar = "Calendar booking is not set up for this board, so no calendar invitations are sent: the time is recorded " +
        "here and you get an invitation file (it holds no personal details) to share with the invitees.";

    /// <summary>Choosing the time: the times found in the calendars (best first by start), or another time typed.</summary>
    public static FormPageInput Times(Case record, MeetingRow meeting, bool usesCalendar, bool graphEnabled, bool lookingUp,
        IReadOnlyDictionary<string, string?>? typed = null, IReadOnlyList<FieldError>? errors = null)
    {
        var byField = errors is null ? new Dictionary<string, string>() : FieldError.ByField(errors);
        string? Typed(string id) => typed?.GetValueOrDefault(id);
        var slots = usesCalendar ? meeting.Times?.Slots ?? [] : [];
        var hints = new List<string>();
        string? warning = null;
        if (usesCalendar && lookingUp) hints.Add("Looking for free times in the calendars… This page shows them once found (open it again in a moment).");
        else if (usesCalendar && meeting.Times is { } found)
            hints.Add(found.Slots.Count == 0
                ? $"No time in the next working days suits the organiser and every statutory partner. Type another time below."
                : $"Times when the organiser and every statutory partner are free, found {DisplayDate.Of(found.FoundAt)}" +
                  (found.Unknown > 0 ? $" ({found.Unknown} calendar(s) could not be read)." : "."));
        if (usesCalendar) hints.Add("Booking puts the meeting, with a Teams link, in the organiser's calendar and sends the invitations.");
        else warning = graphEnabled && meeting.CalendarProblem is not null
            ? "The calendar could not be used (see the notice in the coordinators' channel): the time is recorded here and no invitations are sent."
            : NoCalendar;

        var fields = new List<PageField>();
        if (slots.Count > 0)
            fields.Add(new PageField(SlotId, "Time", PageFieldKind.Radio)
            {
                Value = Typed(SlotId) ?? "1",
                Choices = [.. slots.Select((s, i) => new PageChoice((i + 1).ToString(CultureInfo.InvariantCulture),
                    $"{new MeetingTime(s.Start, s.End).Words} ({s.Free} of {s.Of} free)")), new PageChoice(OtherTime, "Another time (below)")],
                Error = byField.GetValueOrDefault(SlotId),
            });
        var optional = slots.Count > 0 ? " (optional)" : "";
        fields.AddRange(TimeFields(meeting.Booking?.Time, typed, byField, optional));

        var data = MeetingCardPartsData(record.CaseId);
        var buttons = new List<PageButton> { new(usesCalendar ? "Book this time" : "Save the time", MeetingVerbs.Book, data, Primary: true) };
        if (usesCalendar && !lookingUp) buttons.Add(new("Look again", MeetingVerbs.ChooseTime, With(data, ("find", "yes")), WithInputs: false));
        else if (!usesCalendar && graphEnabled) buttons.Add(new("Use calendar", MeetingVerbs.ChooseTime, With(data, ("find", "yes")), WithInputs: false));
        return new FormPageInput($"Referral {record.ReferenceOrId}: choose the meeting time")
        {
            Hints = hints,
            Warning = warning,
            Error = byField.GetValueOrDefault(FieldError.Form),
            Fields = fields,
            Buttons = buttons,
        };
    }

    /// <summary>Date, start and length: for a time typed by hand, and for moving the meeting.</summary>
    public static IEnumerable<PageField> TimeFields(MeetingTime? current, IReadOnlyDictionary<string, string?>? typed, IReadOnlyDictionary<string, string> errors,
        string optional = "")
    {
        string? Typed(string id) => typed?.GetValueOrDefault(id);
        yield return new PageField(TypedMeetingTime.Date, "Date" + optional, PageFieldKind.Date)
        {
            Value = Typed(TypedMeetingTime.Date) ?? current?.Day.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
            Error = errors.GetValueOrDefault(TypedMeetingTime.Date),
        };
        yield return new PageField(TypedMeetingTime.Start, "Start (London time)" + optional, PageFieldKind.Choice)
        {
            Value = Typed(TypedMeetingTime.Start) ?? (current is null ? null : LondonTime.TimeOf(current.Start).ToString("HH:mm", CultureInfo.InvariantCulture)),
            Choices = [.. TypedMeetingTime.StartTimes.Select(t => new PageChoice(t.ToString("HH:mm", CultureInfo.InvariantCulture), t.ToString("HH:mm", CultureInfo.InvariantCulture)))],
            Error = errors.GetValueOrDefault(TypedMeetingTime.Start),
        };
        yield return new PageField(TypedMeetingTime.Length, "Length" + optional, PageFieldKind.Choice)
        {
            Value = Typed(TypedMeetingTime.Length) ?? (current is null ? null : ((int)(current.End - current.Start).TotalMinutes).ToString(CultureInfo.InvariantCulture)),
            Choices = [.. TypedMeetingTime.Lengths.Select(m => new PageChoice(m.ToString(CultureInfo.InvariantCulture), $"{m / 60.0:0.#} hour{(m == 60 ? "" : "s")}"))],
            Error = errors.GetValueOrDefault(TypedMeetingTime.Length),
        };
    }

    /// <summary>After booking (or asking the calendar to): when, and how the invitees hear of it.</summary>
    public static FormPageInput Booked(Case record, MeetingRow meeting, Uri? invitation)
    {
        var booking = meeting.Booking!;
        var facts = new List<Fact> { new("When", booking.Time.Words), new("Invitees", meeting.Arrangement!.Invitees.Count.ToString(CultureInfo.InvariantCulture)) };
        return booking switch
        {
            { Status: BookingStatus.Requested } => new FormPageInput($"Referral {record.ReferenceOrId}: booking the meeting")
            {
                Facts = facts,
                Hints = ["The organiser's calendar is being asked to book it with a Teams link and send the invitations. " +
                         "The meeting card in the coordinators' channel shows the link once it is booked."],
            },
            { Mode: CalendarMode.Graph } => new FormPageInput($"Referral {record.ReferenceOrId}: meeting booked")
            {
                Facts = facts,
                Success = "Booked in the organiser's calendar with a Teams link; the invitations have been sent.",
                Link = booking.JoinUrl is { } join && Uri.TryCreate(join, UriKind.Absolute, out var uri) && uri.Scheme == Uri.UriSchemeHttps ? ("Join the meeting", uri) : null,
            },
            _ => new FormPageInput($"Referral {record.ReferenceOrId}: meeting time recorded")
            {
                Facts = facts,
                Warning = "No calendar invitations were sent. " + (invitation is null
                    ? "Send the invitees the date and time yourself (the bot's public address is not set, so it cannot offer an invitation file)."
                    : "Share the invitation file with the invitees: it adds the meeting to their calendars and holds no personal details."),
                Link = invitation is null ? null : ("Invitation file (.ics)", invitation),
            },
        };
    }

    /// <summary>Managing a booked meeting: who answered what (addresses: this person's own view only), moving or cancelling it.</summary>
    public static FormPageInput Manage(Case record, MeetingRow meeting, bool usesCalendar, Uri? invitation, IReadOnlyDictionary<string, string?>? typed = null,
        IReadOnlyList<FieldError>? errors = null, string? success = null)
    {
        var booking = meeting.Booking!;
        var byField = errors is null ? new Dictionary<string, string>() : FieldError.ByField(errors);
        var answers = (meeting.Responses ?? []).ToDictionary(r => r.Email, r => r.Response, StringComparer.OrdinalIgnoreCase);
        var rows = meeting.Arrangement!.Invitees.Select(i => new PageRow(
            $"{InviteeRoleWords.Display(i.Role)}: {i.Email}",
            booking.Mode == CalendarMode.Graph ? "Answer: " + AnswerWords(answers.GetValueOrDefault(i.Email)) : null)).ToList();
        var data = MeetingCardPartsData(record.CaseId);
        var buttons = new List<PageButton> { new("Move", MeetingVerbs.Move, data, Primary: true) };
        if (booking.Mode == CalendarMode.Graph && usesCalendar) buttons.Add(new("Answers", MeetingVerbs.Answers, data, WithInputs: false));
        buttons.Add(new("Cancel", MeetingVerbs.Cancel, data, WithInputs: false));
        return new FormPageInput($"Referral {record.ReferenceOrId}: manage the meeting")
        {
            Facts =
            [
                new("When", booking.Time.Words),
                new("Calendar", booking.Mode == CalendarMode.Graph ? "In the organiser's calendar, with a Teams link" : "Invitation file (no invitations sent)"),
                .. meeting.ResponsesReadAt is { } read ? [new Fact("Answers read", DisplayDate.Of(read))] : Array.Empty<Fact>(),
            ],
            Success = success,
            Error = byField.GetValueOrDefault(FieldError.Form),
            ListTitle = "Invited",
            Rows = rows,
            Hints = ["To move it, choose the new date and time and press Move. Answers asks the calendar who has accepted; Cancel asks first."],
            Fields = [.. TimeFields(booking.Time, typed, byField)],
            Buttons = buttons,
            Link = invitation is null ? null : ("Invitation file (.ics)", invitation),
        };
    }

    /// <summary>Cancelling asks first: the invitees are told, and the meeting is to be arranged again.</summary>
    public static FormPageInput ConfirmCancel(Case record, MeetingRow meeting) => new($"Referral {record.ReferenceOrId}: cancel the meeting?")
    {
        Facts = [new("When", meeting.Booking!.Time.Words)],
        Warning = meeting.Booking.Mode == CalendarMode.Graph
            ? "The invitees get a cancellation from the organiser's calendar. The meeting is then to be arranged again."
            : "The invitation file will say the meeting is cancelled; tell the invitees. The meeting is then to be arranged again.",
        Buttons =
        [
            new("Yes, cancel the meeting", MeetingVerbs.Cancel, With(MeetingCardPartsData(record.CaseId), (ConfirmKey, "yes")), Primary: true, WithInputs: false),
            new("Back", MeetingVerbs.Manage, MeetingCardPartsData(record.CaseId), WithInputs: false),
        ],
    };

    public static string AnswerWords(string? response) => response switch
    {
        "accepted" => "accepted",
        "tentativelyAccepted" => "tentative",
        "declined" => "declined",
        null => "not read yet",
        _ => "no answer yet",
    };

    internal static System.Text.Json.Nodes.JsonObject MeetingCardPartsData(string caseId) => new() { [MeetingVerbs.CaseIdKey] = caseId };

    internal static System.Text.Json.Nodes.JsonObject With(System.Text.Json.Nodes.JsonObject data, params (string Key, string Value)[] more)
    {
        var copy = (System.Text.Json.Nodes.JsonObject)data.DeepClone();
        foreach (var (key, value) in more) copy[key] = value;
        return copy;
    }
}
