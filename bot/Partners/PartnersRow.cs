using System.Text.Json;
using System.Text.Json.Serialization;
using Azure;
using Azure.Data.Tables;
using TeamsSafeguarding.Cases;
using TeamsSafeguarding.Escalation.Calendar;
using TeamsSafeguarding.Escalation.Partners;

namespace TeamsSafeguarding.Partners;

/// <summary>
/// The partners' stage of one case, row "partners" of the case partition: when it was sent, its two deadlines,
/// whether triage was skipped, each agency's current view (JSON, chunked: rationales are long; one entry per agency,
/// so the row stays bounded however often views change — the changes are in the case log), the decision once made,
/// the reminders sent, when the casting decision was asked for, and the agreed response and feedback date (no
/// meeting). Replaced with its ETag, so two views given at once cannot overwrite each other.
/// </summary>
public sealed record PartnersRow(
    string CaseId,
    DateTimeOffset SentAt,
    DateOnly ViewsDue,
    DateOnly DecisionDue,
    DateTimeOffset DecisionDueAt,
    bool NotTriaged,
    IReadOnlyList<AgencyView> Views,
    CastingDecision? Casting,
    PartnerChoice? Outcome,
    DecisionMethod? Method,
    DateTimeOffset? DecidedAt,
    DateTimeOffset? CastingRequestedAt = null,
    IReadOnlyList<ReminderKind>? RemindersSent = null,
    AgreedResponse? Response = null,
    DateTimeOffset? FeedbackAt = null,
    ETag ETag = default)
{
    public const string Row = "partners";

    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web) { Converters = { new JsonStringEnumConverter() } };

    public static PartnersRow Start(string caseId, DateTimeOffset sentAt, WorkingDayDeadlines deadlines, bool notTriaged) =>
        new(caseId, sentAt, deadlines.ViewsDue.DueDate, deadlines.DecisionDue.DueDate,
            // Evaluate's deadline is inclusive: the last instant of working day 10 in London.
            deadlines.DecisionDue.OverdueFrom.AddTicks(-1), notTriaged, [], null, null, null, null);

    public PartnerViews Ledger(DecisionRule rule) => PartnerViews.Restore(rule, Views, Casting);

    /// <summary>The row with the views (and casting decision) as they now stand.</summary>
    public PartnersRow With(PartnerViews ledger) => this with { Views = ledger.ByAgency.Values.OrderBy(v => v.Current.AgencyId, StringComparer.Ordinal).ToList(), Casting = ledger.Casting };

    /// <summary>The row with the decision recorded (or still open).</summary>
    public PartnersRow With(PartnerDecisionState state) => state.IsDecided
        ? this with { Outcome = state.Outcome, Method = state.Method, DecidedAt = state.DecidedAt }
        : this with { Outcome = null, Method = null, DecidedAt = null };

    public bool IsDecided => Outcome is not null;

    public bool WasReminded(ReminderKind kind) => RemindersSent?.Contains(kind) == true;

    /// <summary>Views due by the end of working day 5 (London): the exclusive instant the deadline passes.</summary>
    public DateTimeOffset ViewsDueEnds => LondonTime.StartOf(ViewsDue.AddDays(1));

    public TableEntity ToEntity()
    {
        var e = new TableEntity(CaseRow.PartitionOf(CaseId), Row)
        {
            ["CaseId"] = CaseId,
            ["SentAt"] = SentAt,
            ["ViewsDue"] = ViewsDue.ToString("yyyy-MM-dd"),
            ["DecisionDue"] = DecisionDue.ToString("yyyy-MM-dd"),
            ["DecisionDueAt"] = DecisionDueAt,
            ["NotTriaged"] = NotTriaged,
            ["ViewCount"] = Views.Sum(v => v.Times),
            ["Casting"] = Casting is null ? null : JsonSerializer.Serialize(Casting, Json),
            ["Outcome"] = Outcome?.ToString(),
            ["Method"] = Method?.ToString(),
            ["DecidedAt"] = DecidedAt,
            ["CastingRequestedAt"] = CastingRequestedAt,
            ["RemindersSent"] = string.Join(",", RemindersSent ?? []),
            ["FeedbackAt"] = FeedbackAt,
        };
        // The agreed response is typed text (rationale, actions): kept on the case file, never logged.
        if (Response is not null) ChunkedText.Write(e, "Response", JsonSerializer.Serialize(Response, Json));
        ChunkedText.Write(e, "Views", JsonSerializer.Serialize(Views, Json));
        return e;
    }

    public static PartnersRow FromEntity(TableEntity e) => new(
        e.GetString("CaseId"),
        e.GetDateTimeOffset("SentAt") ?? default,
        DateOnly.Parse(e.GetString("ViewsDue")),
        DateOnly.Parse(e.GetString("DecisionDue")),
        e.GetDateTimeOffset("DecisionDueAt") ?? default,
        e.GetBoolean("NotTriaged") ?? false,
        JsonSerializer.Deserialize<List<AgencyView>>(ChunkedText.Read(e, "Views") ?? "[]", Json) ?? [],
        e.GetString("Casting") is { } casting ? JsonSerializer.Deserialize<CastingDecision>(casting, Json) : null,
        Enum.TryParse<PartnerChoice>(e.GetString("Outcome"), out var outcome) ? outcome : null,
        Enum.TryParse<DecisionMethod>(e.GetString("Method"), out var method) ? method : null,
        e.GetDateTimeOffset("DecidedAt"),
        e.GetDateTimeOffset("CastingRequestedAt"),
        (e.GetString("RemindersSent") ?? "").Split(',', StringSplitOptions.RemoveEmptyEntries)
            .Select(k => Enum.TryParse<ReminderKind>(k, out var kind) ? kind : (ReminderKind?)null).OfType<ReminderKind>().ToList(),
        ChunkedText.Read(e, "Response") is { } response ? JsonSerializer.Deserialize<AgreedResponse>(response, Json) : null,
        e.GetDateTimeOffset("FeedbackAt"),
        e.ETag);
}
