using System.Globalization;
using TeamsSafeguarding.Escalation.Cases;
using TeamsSafeguarding.Escalation.Referrals;

namespace TeamsSafeguarding.Escalation.Meetings;

/// <summary>The record's pages, in order (short pages for a phone); actions are one page per action.</summary>
public enum RecordPage
{
    Attendance = 1,
    WorkingAndNot = 2,
    Risk = 3,
    KeyPoints = 4,
    Monitoring = 5,
    Actions = 6,
    Check = 7,
}

/// <summary>What the record's checks need to know about the meeting: its day, who was asked, and the agencies to choose from.</summary>
/// <param name="People">Attendance choices: "organiser" and "i{n}" for the n-th invitee, with their words.</param>
public sealed record RecordContext(DateOnly MeetingDay, IReadOnlyList<(string Id, string Words)> People, IReadOnlyList<LeadAgency> Agencies);

/// <summary>
/// The meeting record's field ids (also the card's input ids) and how typed values become a <see cref="MeetingRecord"/>.
/// Every problem is reported against its field (and so its page), so the card shows it next to the input.
/// </summary>
public static class MeetingRecordForm
{
    public const int Pages = 7;
    public const int MaxActions = 10;
    public const int MaxText = 4000;
    public const int MaxShortText = 1000;
    public const int MinActionLength = 15;

    public const string Attended = "record.attended";
    public const string NotEngaged = "record.notEngaged";
    public const string WorkingWell = "record.working";
    public const string NotWorking = "record.notWorking";
    public const string RemainingRisk = "record.remainingRisk";
    public const string Decisions = "record.decisions";
    public const string Unmitigated = "record.unmitigated";
    public const string KeyPoints = "record.keyPoints";
    public const string MonitoringAgency = "record.monitoringAgency";
    public const string MonitoringHow = "record.monitoringHow";
    public const string ReviewDate = "record.reviewDate";
    public const string FurtherReview = "record.furtherReview";

    public static class ActionPart
    {
        public const string What = "what";
        public const string OwnerName = "ownerName";
        public const string OwnerEmail = "ownerEmail";
        public const string OwnerAgency = "ownerAgency";
        public const string Measure = "measure";
        public const string Due = "due";
        public static IReadOnlyList<string> All { get; } = [What, OwnerName, OwnerEmail, OwnerAgency, Measure, Due];
    }

    public static string Action(int number, string part) => $"action{number}.{part}";

    /// <summary>The action a field belongs to (1-based), if it is an action's.</summary>
    public static int? ActionOf(string field) =>
        field.StartsWith("action", StringComparison.Ordinal) && field.IndexOf('.') is > 6 and var dot
        && int.TryParse(field[6..dot], NumberStyles.None, CultureInfo.InvariantCulture, out var n) ? n : null;

    public static RecordPage PageOf(string field) => field switch
    {
        Attended or NotEngaged => RecordPage.Attendance,
        WorkingWell or NotWorking => RecordPage.WorkingAndNot,
        RemainingRisk or Decisions or Unmitigated => RecordPage.Risk,
        KeyPoints => RecordPage.KeyPoints,
        MonitoringAgency or MonitoringHow or ReviewDate or FurtherReview => RecordPage.Monitoring,
        _ => RecordPage.Actions,
    };

    /// <summary>How many action pages the draft has: the last one with anything typed, at least one.</summary>
    public static int ActionCount(IReadOnlyDictionary<string, string> values) =>
        Math.Max(1, Enumerable.Range(1, MaxActions).LastOrDefault(n => ActionPart.All.Any(p => !string.IsNullOrWhiteSpace(values.GetValueOrDefault(Action(n, p))))));

    /// <summary>The problems on one page (what "Next" checks); for the actions, those of one action.</summary>
    public static IReadOnlyList<FieldError> Check(RecordPage page, int? action, IReadOnlyDictionary<string, string> values, RecordContext context) =>
        Read(values, context).Errors.Where(e => PageOf(e.Field) == page && (action is null || ActionOf(e.Field) == action)).ToList();

    public static (MeetingRecord? Record, IReadOnlyList<FieldError> Errors) Read(IReadOnlyDictionary<string, string> values, RecordContext context)
    {
        var errors = new List<FieldError>();
        string Text(string field, string missing, int max = MaxText)
        {
            var value = values.GetValueOrDefault(field)?.Trim() ?? "";
            if (value.Length == 0) errors.Add(new(field, missing));
            else if (value.Length > max) errors.Add(new(field, $"This is {value.Length} characters long; please keep it to {max}."));
            return value;
        }
        IReadOnlyList<string> Many(string field, IEnumerable<string> allowed) =>
            (values.GetValueOrDefault(field) ?? "").Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
                .Where(allowed.Contains).Distinct().ToList();
        DateOnly? Date(string field, string missing)
        {
            if (DateOnly.TryParseExact(values.GetValueOrDefault(field)?.Trim(), "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var d)) return d;
            errors.Add(new(field, missing));
            return null;
        }

        var attended = Many(Attended, context.People.Select(p => p.Id));
        if (attended.Count == 0) errors.Add(new(Attended, "Tick who attended (at least one person)."));
        var notEngaged = Many(NotEngaged, context.Agencies.Where(a => a.IsStatutoryPartner).Select(a => a.Id));
        var working = Text(WorkingWell, "Say what has been working to reduce the risk (or \"Nothing\").");
        var notWorking = Text(NotWorking, "Say what has not been working.");
        var remaining = Text(RemainingRisk, "Describe the risk that remains, in the partnership's view.");
        var decisions = Text(Decisions, "Record the decisions on those risks.");
        var unmitigated = Text(Unmitigated, "Name each risk with little or no mitigation available (or write \"None\").");
        var keyPoints = Text(KeyPoints, "Record the key points of the meeting.");
        var monitoringAgency = values.GetValueOrDefault(MonitoringAgency) is { } m && context.Agencies.Any(a => a.Id == m) ? m : null;
        if (monitoringAgency is null) errors.Add(new(MonitoringAgency, "Choose the agency that keeps monitoring."));
        var monitoringHow = Text(MonitoringHow, "Say who keeps monitoring and how.", MaxShortText);
        var review = Date(ReviewDate, "Choose the review date.");
        if (review is { } r && r <= context.MeetingDay) { errors.Add(new(ReviewDate, "The review date must be after the meeting.")); review = null; }
        else if (review is { } far && far > context.MeetingDay.AddYears(1)) { errors.Add(new(ReviewDate, "Choose a review date within a year of the meeting.")); review = null; }
        bool? further = values.GetValueOrDefault(FurtherReview) switch { "yes" => true, "no" => false, _ => null };
        if (further is null) errors.Add(new(FurtherReview, "Say whether a further senior review is needed."));

        var actions = new List<SmartAction>();
        var count = ActionCount(values);
        for (var n = 1; n <= count; n++)
        {
            var blank = ActionPart.All.All(p => string.IsNullOrWhiteSpace(values.GetValueOrDefault(Action(n, p))));
            if (blank && n == count) break; // an opened page left empty
            if (ReadAction(n, values, context, review, errors) is { } action) actions.Add(action);
        }
        if (actions.Count == 0 && further == false && !errors.Any(e => ActionOf(e.Field) is not null))
            errors.Add(new(Action(1, ActionPart.What), "Record at least one SMART action (or say that a further senior review is needed)."));
        if (errors.Count > 0) return (null, errors);
        return (new MeetingRecord(attended, notEngaged, working, notWorking, remaining, decisions, unmitigated, keyPoints,
            monitoringAgency!, monitoringHow, review!.Value, further!.Value, actions), []);
    }

    private static SmartAction? ReadAction(int n, IReadOnlyDictionary<string, string> values, RecordContext context, DateOnly? review, List<FieldError> errors)
    {
        var before = errors.Count;
        string Get(string part) => values.GetValueOrDefault(Action(n, part))?.Trim() ?? "";
        void Problem(string part, string message) => errors.Add(new(Action(n, part), message));

        var what = Get(ActionPart.What);
        if (what.Length == 0) Problem(ActionPart.What, $"Say what action {n} is.");
        else if (what.Length < MinActionLength) Problem(ActionPart.What, "Be specific: say exactly what will be done, by whom, for the person.");
        else if (what.Length > MaxShortText) Problem(ActionPart.What, $"This is {what.Length} characters long; please keep it to {MaxShortText}.");
        var owner = Get(ActionPart.OwnerName);
        if (owner.Length == 0) Problem(ActionPart.OwnerName, "Name the person who owns this action.");
        else if (owner.Length > ArrangementForm.MaxName) Problem(ActionPart.OwnerName, $"Please keep the name to {ArrangementForm.MaxName} characters.");
        var email = Get(ActionPart.OwnerEmail);
        if (!FieldValues.IsValidEmail(email) || email.Length > ArrangementForm.MaxEmail)
            Problem(ActionPart.OwnerEmail, "Enter the owner's email address (they get the action in Teams).");
        var agency = Get(ActionPart.OwnerAgency);
        if (!context.Agencies.Any(a => a.Id == agency)) Problem(ActionPart.OwnerAgency, "Choose the owner's agency.");
        var measure = Get(ActionPart.Measure);
        if (measure.Length == 0) Problem(ActionPart.Measure, "Say how success will be measured.");
        else if (measure.Length > MaxShortText) Problem(ActionPart.Measure, $"This is {measure.Length} characters long; please keep it to {MaxShortText}.");
        DateOnly? due = DateOnly.TryParseExact(Get(ActionPart.Due), "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var d) ? d : null;
        if (due is null) Problem(ActionPart.Due, "Choose the date it is due.");
        else if (due <= context.MeetingDay) Problem(ActionPart.Due, "The due date must be after the meeting.");
        else if (review is { } r && due > r) Problem(ActionPart.Due, "The due date must be on or before the review date, so the review can see it done.");
        return errors.Count == before ? new SmartAction(n, what, owner, email, agency, measure, due!.Value) : null;
    }
}
