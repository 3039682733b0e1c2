using System.Globalization;
using TeamsSafeguarding.Cards.Meetings;
using TeamsSafeguarding.Escalation.Cases;
using TeamsSafeguarding.Escalation.Meetings;
using TeamsSafeguarding.Escalation.Partners;
using F = TeamsSafeguarding.Escalation.Meetings.MeetingRecordForm;

namespace TeamsSafeguarding.Meetings;

/// <summary>The meeting record's pages (item 6), its check page, and the record read back later, page by page.</summary>
public static class RecordViews
{
    public const string ToPageKey = "toPage";
    public const string ToActionKey = "toAction";

    /// <summary>Who could attend: the organiser and each invitee, by role (and address where a role is not unique).</summary>
    public static RecordContext Context(MeetingRow meeting, MeetingAgencies agencies)
    {
        var arrangement = meeting.Arrangement!;
        var people = new List<(string, string)> { ("organiser", $"Organiser and chair ({arrangement.Lead.Name})") };
        people.AddRange(arrangement.Invitees.Select((invitee, i) => ($"i{i}", invitee.Role switch
        {
            InviteeRole.StatutoryPartner => $"{agencies.NameOf(invitee.AgencyId)} representative",
            InviteeRole.Referrer or InviteeRole.SeniorManager or InviteeRole.LeadProfessional => InviteeRoleWords.Display(invitee.Role),
            _ => $"{InviteeRoleWords.Display(invitee.Role)} ({invitee.Email})",
        })));
        return new RecordContext(meeting.Booking?.Time.Day ?? default, people, agencies.All);
    }

    public static string Title(RecordPage page, int action = 1) => page switch
    {
        RecordPage.Attendance => "attendance",
        RecordPage.WorkingAndNot => "what is working and not working",
        RecordPage.Risk => "the remaining risk and decisions",
        RecordPage.KeyPoints => "key points",
        RecordPage.Monitoring => "monitoring and review",
        RecordPage.Actions => $"SMART action {action}",
        _ => "check and record",
    };

    public static FormPageInput Page(Case record, RecordContext context, IReadOnlyDictionary<string, string> values, RecordPage page, int action,
        IReadOnlyList<FieldError>? errors = null)
    {
        var byField = errors is null ? new Dictionary<string, string>() : FieldError.ByField(errors);
        PageField Field(string id, string label, PageFieldKind kind, IReadOnlyList<PageChoice>? choices = null) =>
            new(id, label, kind) { Value = values.GetValueOrDefault(id), Choices = choices ?? [], Error = byField.GetValueOrDefault(id) };
        var partners = context.Agencies.Where(a => a.IsStatutoryPartner).Select(a => new PageChoice(a.Id, a.Name)).ToList();
        var agencies = context.Agencies.Select(a => new PageChoice(a.Id, a.Name)).ToList();
        var hints = new List<string>();
        var rows = new List<PageRow>();
        List<PageField> fields;
        switch (page)
        {
            case RecordPage.Attendance:
                fields =
                [
                    Field(F.Attended, "Who attended", PageFieldKind.Checkboxes, [.. context.People.Select(p => new PageChoice(p.Id, p.Words))]),
                    Field(F.NotEngaged, "Statutory partners asked who did not engage (optional)", PageFieldKind.Checkboxes, partners),
                ];
                hints.Add("The record stays on the case file: the channel sees only counts and dates.");
                break;
            case RecordPage.WorkingAndNot:
                fields =
                [
                    Field(F.WorkingWell, "What has been working with the person to reduce the risk", PageFieldKind.LongText),
                    Field(F.NotWorking, "What has not been working", PageFieldKind.LongText),
                ];
                break;
            case RecordPage.Risk:
                fields =
                [
                    Field(F.RemainingRisk, "The risk that remains, in the partnership's view", PageFieldKind.LongText),
                    Field(F.Decisions, "The decisions on those risks", PageFieldKind.LongText),
                    Field(F.Unmitigated, "Each risk with little or no mitigation available", PageFieldKind.LongText),
                ];
                hints.Add("Name each risk with little or no mitigation; write \"None\" if there is none.");
                break;
            case RecordPage.KeyPoints:
                fields = [Field(F.KeyPoints, "Key points of the meeting", PageFieldKind.LongText)];
                break;
            case RecordPage.Monitoring:
                fields =
                [
                    Field(F.MonitoringAgency, "Agency that keeps monitoring", PageFieldKind.Choice, agencies),
                    Field(F.MonitoringHow, "Who monitors, and how", PageFieldKind.LongText),
                    Field(F.ReviewDate, "Review date", PageFieldKind.Date) with { Min = context.MeetingDay.AddDays(1) },
                    Field(F.FurtherReview, "Is a further senior management review needed?", PageFieldKind.Radio,
                        [new("yes", "Yes: arrange another review meeting"), new("no", "No: monitor the actions to the review date")]),
                ];
                break;
            case RecordPage.Actions:
                string Id(string part) => F.Action(action, part);
                fields =
                [
                    Field(Id(F.ActionPart.What), "What exactly will be done", PageFieldKind.LongText),
                    Field(Id(F.ActionPart.OwnerName), "Owner: the person responsible", PageFieldKind.Text),
                    Field(Id(F.ActionPart.OwnerEmail), "Owner's email (they get the action in Teams)", PageFieldKind.Text),
                    Field(Id(F.ActionPart.OwnerAgency), "Owner's agency", PageFieldKind.Choice, agencies),
                    Field(Id(F.ActionPart.Measure), "How success will be measured", PageFieldKind.LongText),
                    Field(Id(F.ActionPart.Due), "Due by", PageFieldKind.Date) with { Min = context.MeetingDay.AddDays(1) },
                ];
                hints.Add("SMART: specific, measurable, with a named owner, realistic, and due by a date (on or before the review date).");
                rows.AddRange(ActionRows(record.CaseId, context, values, except: action));
                break;
            default:
                return Check(record, context, values, errors ?? []);
        }

        var data = StepData(record.CaseId, page, action);
        var buttons = new List<PageButton> { new("Next", MeetingVerbs.RecordStep, BookingViews.With(data, (MeetingVerbs.GoKey, "next")), Primary: true) };
        if (page == RecordPage.Actions && action < F.MaxActions)
            buttons.Add(new("Add another action", MeetingVerbs.RecordStep, BookingViews.With(data, (MeetingVerbs.GoKey, "add"))));
        if (page > RecordPage.Attendance) buttons.Add(new("Back", MeetingVerbs.RecordStep, BookingViews.With(data, (MeetingVerbs.GoKey, "back"))));
        return new FormPageInput($"Referral {record.ReferenceOrId}: the meeting's record")
        {
            Step = $"Step {(int)page} of {F.Pages}: {Title(page, action)}",
            Hints = hints,
            Error = errors is { Count: > 0 } ? $"Please correct the {(errors.Count == 1 ? "answer" : $"{errors.Count} answers")} marked below." : null,
            ListTitle = rows.Count > 0 ? "Other actions (tap to open)" : null,
            Rows = rows,
            Fields = fields,
            Buttons = buttons,
        };
    }

    /// <summary>The last step: what will be recorded, in counts and list values, with any problems left, each a tap from its page.</summary>
    public static FormPageInput Check(Case record, RecordContext context, IReadOnlyDictionary<string, string> values, IReadOnlyList<FieldError> errors)
    {
        var attended = (values.GetValueOrDefault(F.Attended) ?? "").Split(',', StringSplitOptions.RemoveEmptyEntries).Length;
        var review = DateOnly.TryParseExact(values.GetValueOrDefault(F.ReviewDate), "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var d)
            ? DisplayDate.Of(d) : "Not given";
        var further = values.GetValueOrDefault(F.FurtherReview) switch { "yes" => "Yes", "no" => "No", _ => "Not answered" };
        var rows = new List<PageRow>();
        foreach (var group in errors.GroupBy(e => (F.PageOf(e.Field), F.ActionOf(e.Field) ?? 1)).OrderBy(g => g.Key))
        {
            var (page, action) = group.Key;
            rows.Add(new PageRow($"Step {(int)page}: {Title(page, action)}", $"{group.Count()} answer(s) to correct", MeetingVerbs.RecordStep,
                GoTo(record.CaseId, RecordPage.Check, page, action)));
        }
        rows.AddRange(ActionRows(record.CaseId, context, values, except: null));
        var data = StepData(record.CaseId, RecordPage.Check, 1);
        return new FormPageInput($"Referral {record.ReferenceOrId}: the meeting's record")
        {
            Step = $"Step {F.Pages} of {F.Pages}: {Title(RecordPage.Check)}",
            Facts =
            [
                new("Attended", $"{attended} of {context.People.Count}"),
                new("Review date", review),
                new("Further review", further),
                new("Monitoring", context.Agencies.FirstOrDefault(a => a.Id == values.GetValueOrDefault(F.MonitoringAgency))?.Name ?? "Not given"),
            ],
            Hints = ["Recording sends each action to its owner in Teams, and the decisions and actions to the referrer and the lead professional."],
            Error = errors.Count > 0 ? "Some answers need correcting before the record can be kept: tap a step below." : null,
            ListTitle = rows.Count > 0 ? "Steps and actions (tap to open)" : null,
            Rows = rows,
            Buttons =
            [
                new("Record and send feedback", MeetingVerbs.RecordSubmit, data, Primary: true, WithInputs: false),
                new("Back", MeetingVerbs.RecordStep, BookingViews.With(data, (MeetingVerbs.GoKey, "back")), WithInputs: false),
            ],
        };
    }

    /// <summary>The recorded meeting read back, one part a page (typed text: only for those whose role allows, and logged).</summary>
    public static FormPageInput View(Case record, RecordContext context, MeetingRecord recorded, int cycle, int page)
    {
        var sections = Sections(context, recorded);
        var n = Math.Clamp(page, 1, sections.Count);
        var (title, facts, texts) = sections[n - 1];
        var data = BookingViews.With(BookingViews.MeetingCardPartsData(record.CaseId), (MeetingVerbs.CycleKey, cycle.ToString(CultureInfo.InvariantCulture)));
        var buttons = new List<PageButton>();
        if (n < sections.Count) buttons.Add(new("Next page", MeetingVerbs.ViewRecord, BookingViews.With(data, (MeetingVerbs.PageKey, (n + 1).ToString(CultureInfo.InvariantCulture))), Primary: true, WithInputs: false));
        if (n > 1) buttons.Add(new("Previous page", MeetingVerbs.ViewRecord, BookingViews.With(data, (MeetingVerbs.PageKey, (n - 1).ToString(CultureInfo.InvariantCulture))), WithInputs: false));
        // Each earlier review meeting's record stays readable, one meeting back at a time.
        if (cycle > 1) buttons.Add(new($"Meeting {cycle - 1}", MeetingVerbs.ViewRecord, BookingViews.With(BookingViews.MeetingCardPartsData(record.CaseId),
            (MeetingVerbs.CycleKey, (cycle - 1).ToString(CultureInfo.InvariantCulture))), WithInputs: false));
        return new FormPageInput($"Referral {record.ReferenceOrId}: record of review meeting {cycle}")
        {
            Step = $"Page {n} of {sections.Count}: {title}",
            Facts = facts,
            Texts = texts,
            Buttons = buttons,
        };
    }

    private static List<(string Title, IReadOnlyList<Cards.Fact> Facts, IReadOnlyList<(string, string)> Texts)> Sections(RecordContext context, MeetingRecord r)
    {
        string Agency(string id) => context.Agencies.FirstOrDefault(a => a.Id == id)?.Name ?? "Other";
        var sections = new List<(string Title, IReadOnlyList<Cards.Fact> Facts, IReadOnlyList<(string, string)> Texts)>
        {
            ("attendance", [new("Attended", string.Join(", ", context.People.Where(p => r.Attended.Contains(p.Id)).Select(p => p.Words))),
                new("Did not engage", r.NotEngaged.Count == 0 ? "None" : string.Join(", ", r.NotEngaged.Select(Agency)))], []),
            ("what has been working", [], [("What has been working", r.WorkingWell)]),
            ("what has not been working", [], [("What has not been working", r.NotWorking)]),
            ("the remaining risk", [], [("The risk that remains", r.RemainingRisk)]),
            ("decisions", [], [("Decisions on the risks", r.Decisions)]),
            ("risks with little or no mitigation", [], [("Risks with little or no mitigation", r.Unmitigated)]),
            ("key points", [], [("Key points", r.KeyPoints)]),
            ("monitoring and review", [new("Monitoring", Agency(r.MonitoringAgencyId)), new("Review date", DisplayDate.Of(r.ReviewDate)),
                new("Further review", r.FurtherReview ? "Yes" : "No")], [("Who monitors, and how", r.MonitoringHow)]),
        };
        foreach (var a in r.Actions)
            sections.Add(($"action {a.Number}", [new("Owner", $"{a.OwnerName} ({Agency(a.OwnerAgencyId)})"), new("Due", DisplayDate.Of(a.Due))],
                [("What", a.What), ("How success is measured", a.Measure)]));
        // A text too long for one phone page continues on the next.
        return [.. sections.SelectMany(s => s.Texts.Sum(t => t.Item2.Length) <= TextParts.PerPage ? [s]
            : TextParts.Split(s.Texts).Select((t, i) => (i == 0 ? s.Title : s.Title + " (continued)", i == 0 ? s.Facts : [], (IReadOnlyList<(string, string)>)[t])))];
    }

    private static IEnumerable<PageRow> ActionRows(string caseId, RecordContext context, IReadOnlyDictionary<string, string> values, int? except)
    {
        for (var n = 1; n <= F.ActionCount(values); n++)
        {
            if (n == except) continue;
            var agency = context.Agencies.FirstOrDefault(a => a.Id == values.GetValueOrDefault(F.Action(n, F.ActionPart.OwnerAgency)))?.Name ?? "agency not chosen";
            var due = DateOnly.TryParseExact(values.GetValueOrDefault(F.Action(n, F.ActionPart.Due)), "yyyy-MM-dd", CultureInfo.InvariantCulture,
                DateTimeStyles.None, out var d) ? "due " + DisplayDate.Of(d) : "no due date";
            yield return new PageRow($"Action {n}: {agency}, {due}", null, MeetingVerbs.RecordStep, GoTo(caseId, except is null ? RecordPage.Check : RecordPage.Actions, RecordPage.Actions, n, except ?? 1));
        }
    }

    private static System.Text.Json.Nodes.JsonObject StepData(string caseId, RecordPage page, int action) =>
        BookingViews.With(BookingViews.MeetingCardPartsData(caseId), (MeetingVerbs.PageKey, ((int)page).ToString(CultureInfo.InvariantCulture)),
            (MeetingVerbs.ActionKey, action.ToString(CultureInfo.InvariantCulture)));

    private static System.Text.Json.Nodes.JsonObject GoTo(string caseId, RecordPage from, RecordPage to, int toAction, int fromAction = 1) =>
        BookingViews.With(StepData(caseId, from, fromAction), (MeetingVerbs.GoKey, "to"), (ToPageKey, ((int)to).ToString(CultureInfo.InvariantCulture)),
            (ToActionKey, toAction.ToString(CultureInfo.InvariantCulture)));
}
