using System.Globalization;
using TeamsSafeguarding.Cards;
using TeamsSafeguarding.Cards.Meetings;
using TeamsSafeguarding.Escalation.Cases;
using TeamsSafeguarding.Escalation.Meetings;
using TeamsSafeguarding.Escalation.Partners;

namespace TeamsSafeguarding.Meetings;

/// <summary>The follow-up's cards (item 7): an action for its owner, marking it done, the actions list, the review, the feedback.</summary>
public static class FollowUpViews
{
    public const string NoteId = "action.note";
    private const int MaxRows = 12;

    /// <summary>An action in its owner's personal chat (typed text: the owner's own chat only), with the button to mark it done.</summary>
    public static FormPageInput ForOwner(Case record, ActionProgress progress, MeetingAgencies agencies, string heading, string? warning = null)
    {
        var action = progress.Action;
        var page = new FormPageInput($"Referral {record.ReferenceOrId}: {heading}")
        {
            Facts = [new("Action", action.Number.ToString(CultureInfo.InvariantCulture)), new("Owner", $"{action.OwnerName} ({agencies.NameOf(action.OwnerAgencyId)})"),
                new("Due by", DisplayDate.Of(action.Due))],
            Texts = [("What", action.What), ("How success is measured", action.Measure)],
            Warning = warning,
        };
        return progress.IsDone
            ? page with { Success = $"Marked done on {DisplayDate.Of(progress.DoneAt!.Value)}." }
            : page with { Buttons = [new("Mark done", MeetingVerbs.MarkDone, Data(record.CaseId, action.Number), Primary: true, WithInputs: false)] };
    }

    /// <summary>Marking an action done, with a note of what was done (kept on the case file).</summary>
    public static FormPageInput MarkDone(Case record, ActionProgress progress, string? typedNote = null, string? error = null) =>
        new($"Referral {record.ReferenceOrId}: action {progress.Action.Number} done?")
        {
            Facts = [new("Due by", DisplayDate.Of(progress.Action.Due))],
            Texts = [("What", progress.Action.What)],
            Fields = [new PageField(NoteId, "What was done (optional)", PageFieldKind.LongText) { Value = typedNote, Error = error }],
            Buttons = [new("Mark done", MeetingVerbs.ActionDone, Data(record.CaseId, progress.Action.Number), Primary: true)],
        };

    /// <summary>The case's actions for the coordinators, the organiser and the chair: status, agency, due date, and what (their view only).</summary>
    public static FormPageInput List(Case record, ActionsRow actions, MeetingAgencies agencies, FollowUpSchedule schedule, DateTimeOffset now) =>
        new($"Referral {record.ReferenceOrId}: actions")
        {
            Facts =
            [
                new("Actions", actions.Actions.Count.ToString(CultureInfo.InvariantCulture)),
                new("Done", actions.Actions.Count(a => a.IsDone).ToString(CultureInfo.InvariantCulture)),
                new("Overdue", actions.Actions.Count(a => !a.IsDone && schedule.IsOverdue(a.Action, now)).ToString(CultureInfo.InvariantCulture)),
                new("Review date", actions.ReviewDate is { } review ? DisplayDate.Of(review) : "None awaited"),
            ],
            // Open actions first (the ones to chase), then the latest done; a line of each, to fit a phone.
            ListTitle = actions.Actions.Count > MaxRows ? $"Open actions, then the latest done ({MaxRows} of {actions.Actions.Count})" : "Each action",
            Rows = [.. actions.Actions.OrderBy(a => a.IsDone).ThenBy(a => a.IsDone ? -a.Action.Number : a.Action.Number).Take(MaxRows).Select(a => new PageRow(
                $"Action {a.Action.Number} ({agencies.NameOf(a.Action.OwnerAgencyId)}): {Status(a, schedule, now)}",
                Cut(a.Action.What, 80)))],
        };

    public static string Status(ActionProgress progress, FollowUpSchedule schedule, DateTimeOffset now) =>
        progress.IsDone ? $"done {DisplayDate.Of(progress.DoneAt!.Value)}"
        : schedule.IsOverdue(progress.Action, now) ? $"overdue (due {DisplayDate.Of(progress.Action.Due)})"
        : $"due {DisplayDate.Of(progress.Action.Due)}";

    /// <summary>The review decision: how the plan is going, and a new date if monitoring goes on.</summary>
    public static FormPageInput Review(Case record, ActionsRow? actions, FollowUpSchedule schedule, DateTimeOffset now,
        IReadOnlyDictionary<string, string?>? typed = null, IReadOnlyList<FieldError>? errors = null)
    {
        var byField = errors is null ? new Dictionary<string, string>() : FieldError.ByField(errors);
        var all = actions?.Actions ?? [];
        return new FormPageInput($"Referral {record.ReferenceOrId}: review the plan")
        {
            Facts =
            [
                new("Actions done", $"{all.Count(a => a.IsDone)} of {all.Count}"),
                new("Overdue", all.Count(a => !a.IsDone && schedule.IsOverdue(a.Action, now)).ToString(CultureInfo.InvariantCulture)),
            ],
            Hints = ["Is the plan working? Closing or re-escalating tells the case log; a further review is arranged like the first."],
            Fields =
            [
                new PageField(PlanReviewForm.Outcome, "What happens next", PageFieldKind.Radio)
                {
                    Value = typed?.GetValueOrDefault(PlanReviewForm.Outcome),
                    Choices = [.. Enum.GetValues<PlanReviewOutcome>().Select(o => new PageChoice(o.ToString(), PlanReviewForm.Words(o)))],
                    Error = byField.GetValueOrDefault(PlanReviewForm.Outcome),
                },
                new PageField(PlanReviewForm.NextReview, "New review date, if monitoring goes on (optional)", PageFieldKind.Date)
                {
                    Value = typed?.GetValueOrDefault(PlanReviewForm.NextReview), Min = Escalation.Calendar.LondonTime.DayOf(now).AddDays(1),
                    Error = byField.GetValueOrDefault(PlanReviewForm.NextReview),
                },
            ],
            Buttons = [new("Record the review", MeetingVerbs.ReviewSubmit, BookingViews.MeetingCardPartsData(record.CaseId), Primary: true)],
        };
    }

    /// <summary>
    /// The meeting's decisions and actions for the referrer and the lead professional (their personal chats only): split
    /// over as many cards as it takes to keep each short enough for a phone.
    /// </summary>
    public static IReadOnlyList<FormPageInput> Feedback(Case record, MeetingRow meeting, MeetingRecord recorded, MeetingAgencies agencies)
    {
        const int Budget = TextParts.PerPage;
        var heading = $"Referral {record.ReferenceOrId}: the senior management review's feedback";
        var facts = new List<Fact>
        {
            new("Meeting", meeting.Booking?.Time.Words ?? "Not recorded"),
            new("Monitoring", agencies.NameOf(recorded.MonitoringAgencyId)),
            new("Review date", DisplayDate.Of(recorded.ReviewDate)),
            new("Further review", recorded.FurtherReview ? "Yes: another review meeting will be arranged" : "No"),
        };
        var parts = new List<(string Title, string Text)>
        {
            ("Decisions on the risks", recorded.Decisions),
            ("Risks with little or no mitigation", recorded.Unmitigated),
        };
        parts.AddRange(recorded.Actions.Select(a => ($"Action {a.Number} ({agencies.NameOf(a.OwnerAgencyId)}, due {DisplayDate.Of(a.Due)})",
            $"{a.What}\nSuccess: {a.Measure}")));
        var pages = new List<List<(string, string)>> { new() };
        var used = 0;
        foreach (var part in TextParts.Split(parts))
        {
            var size = part.Text.Length + part.Title.Length;
            if (used > 0 && used + size > Budget) { pages.Add([]); used = 0; }
            pages[^1].Add(part);
            used += size;
        }
        return [.. pages.Select((texts, i) => new FormPageInput(heading)
        {
            Step = pages.Count > 1 ? $"Page {i + 1} of {pages.Count}" : null,
            Facts = i == 0 ? facts : [],
            Texts = texts,
        })];
    }

    private static string Cut(string text, int max) => text.Length <= max ? text : text[..(max - 1)] + "…";

    private static System.Text.Json.Nodes.JsonObject Data(string caseId, int number) =>
        BookingViews.With(BookingViews.MeetingCardPartsData(caseId), (MeetingVerbs.ActionKey, number.ToString(CultureInfo.InvariantCulture)));
}
