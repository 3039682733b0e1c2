using MiniExcelLibs;
using TeamsSafeguarding.Board;
using TeamsSafeguarding.Cases;
using TeamsSafeguarding.Escalation.Calendar;
using TeamsSafeguarding.Escalation.Cases;
using TeamsSafeguarding.Escalation.Measures;
using TeamsSafeguarding.Escalation.Partners;
using TeamsSafeguarding.Measures;
using TeamsSafeguarding.Partners;
using TeamsSafeguarding.Register;
using TeamsSafeguarding.Retention;
using TeamsSafeguarding.Triage;

namespace TeamsSafeguarding.Export;

/// <summary>
/// The board's case log as a spreadsheet (.xlsx, MiniExcel), with the columns the board kept (domain.md section 2, "Case
/// log") plus stage and dates: sheet "Cases", one row per case; sheet "Measures", this quarter's and last quarter's
/// figures (the same words as the measures card); and, if asked, a sheet per case with its log. The case log's own
/// lines carry no personal details; the one typed text here is the partners' rationale for no meeting, which both
/// roles that may export (coordinators, auditors) may read in the case itself.
/// </summary>
public static class ExportWorkbook
{
    public static readonly string[] RowsRead = [TriageRow.Row, PartnersRow.Row, LegalHoldRow.Row];

    public static byte[] Build(IReadOnlyList<CaseHistory> cases, IReadOnlyList<AgencyOptions> agencies, IReadOnlyList<(QuarterlyMeasures Measures, bool Ended)> measures,
        bool withLogs)
    {
        var sheets = new Dictionary<string, object>
        {
            ["Cases"] = cases.Select(c => Row(c, agencies)).ToList(),
            ["Measures"] = measures.SelectMany(m => MeasureFigures.Of(m.Measures, m.Ended).SelectMany(g => g.Figures.Select(f =>
                (IDictionary<string, object?>)new Dictionary<string, object?>
                {
                    ["Quarter"] = m.Measures.Quarter.Words, ["Group"] = g.Heading, ["Measure"] = f.Label, ["Value"] = f.Value,
                }))).ToList(),
        };
        if (withLogs)
            foreach (var c in cases)
                sheets[SheetName(c.Case.ReferenceOrId)] = c.Log.Select(l => (IDictionary<string, object?>)new Dictionary<string, object?>
                {
                    ["When (London)"] = TimeZoneInfo.ConvertTime(l.At, LondonTime.Zone).DateTime,
                    ["Who"] = RegisterViews.Who(l),
                    ["What"] = l.Action,
                    ["Detail"] = l.Detail,
                }).ToList();
        using var stream = new MemoryStream();
        stream.SaveAs(sheets, excelType: ExcelType.XLSX);
        return stream.ToArray();
    }

    public static string FileName(DateOnly day, bool withLogs) => $"case-log-{day:yyyy-MM-dd}{(withLogs ? "-with-logs" : "")}.xlsx";

    private static IDictionary<string, object?> Row(CaseHistory c, IReadOnlyList<AgencyOptions> agencies)
    {
        var record = c.Case;
        var triage = c.Rows.GetValueOrDefault(TriageRow.Row);
        var partners = c.Rows.GetValueOrDefault(PartnersRow.Row) is { } p ? PartnersRow.FromEntity(p) : null;
        var hold = LegalHoldRow.FromEntity(c.Rows.GetValueOrDefault(LegalHoldRow.Row));
        DateTime? First(string action) => Day(c.Log.Where(l => l.Action == action).Select(l => (DateTimeOffset?)l.At).Min());
        DateTime? Last(string action) => Day(c.Log.Where(l => l.Action == action).Select(l => (DateTimeOffset?)l.At).Max());

        var row = new Dictionary<string, object?>
        {
            ["Case ref"] = record.ReferenceOrId,
            ["Referring agency"] = record.ReferringAgency,
            ["Stage"] = CaseStageWords.Display(record.Stage),
            ["Risk band"] = record.RiskBand,
            ["Date received"] = First(CaseActions.Received),
            ["Versions submitted"] = record.Version,
            ["Date triaged"] = Day(triage?.GetDateTimeOffset("DecidedAt")),
            ["Triage outcome"] = Enum.TryParse<Escalation.Triage.TriageOutcomeKind>(triage?.GetString("Outcome"), out var kind) ? TriageOutcomeWords.Of(kind) : null,
            ["Triage items not met"] = c.Log.LastOrDefault(l => l.Action == CaseActions.Triaged)?.Detail is { } d && d.StartsWith("Not met: ", StringComparison.Ordinal) ? d["Not met: ".Length..] : null,
            ["Date returned"] = Last(CaseActions.Returned),
            ["Date sent to partners"] = Day(partners?.SentAt),
            ["Untriaged"] = partners is null ? null : partners.NotTriaged ? "Yes" : "No",
            ["Views due"] = partners is null ? null : Date(partners.ViewsDue),
            ["Decision due"] = partners is null ? null : Date(partners.DecisionDue),
        };
        foreach (var agency in agencies)
        {
            var view = partners?.Views.FirstOrDefault(v => v.Current.AgencyId == agency.Id)?.Current;
            row[$"{agency.Name}: view"] = view is null ? null : PartnerChoiceWords.Display(view.Choice);
            row[$"{agency.Name}: given by"] = view?.MemberId;
            row[$"{agency.Name}: given on"] = Day(view?.GivenAt);
        }
        row["Decision"] = partners?.Outcome is { } outcome ? PartnerChoiceWords.Display(outcome) : null;
        row["Decision method"] = partners?.Method is { } method ? DecisionMethodWords.Display(method) : null;
        row["Decision date"] = Day(partners?.DecidedAt);
        row["No meeting: rationale"] = partners?.Response?.Rationale;
        row["No meeting: further actions"] = partners?.Response?.Actions.Count;
        row["Feedback date"] = Day(partners?.FeedbackAt);
        row["Meeting date"] = Last(CaseActions.MeetingHeld);
        row["Closure date"] = Day(record.ClosedAt);
        row["Legal hold"] = hold?.IsHeld == true ? "Yes" : "No";
        return row;
    }

    private static DateTime? Day(DateTimeOffset? at) => at is { } a ? LondonTime.DayOf(a).ToDateTime(TimeOnly.MinValue) : null;

    private static DateTime Date(DateOnly day) => day.ToDateTime(TimeOnly.MinValue);

    /// <summary>Excel sheet names: at most 31 characters, none of : \ / ? * [ ].</summary>
    private static string SheetName(string reference)
    {
        var name = new string(reference.Where(ch => ch is not (':' or '\\' or '/' or '?' or '*' or '[' or ']')).ToArray());
        return name.Length <= 31 ? name : name[..31];
    }
}
