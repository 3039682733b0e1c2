using System.Globalization;
using TeamsSafeguarding.Cards.Board;
using TeamsSafeguarding.Cases;
using TeamsSafeguarding.Escalation.Calendar;
using TeamsSafeguarding.Escalation.Cases;
using TeamsSafeguarding.Escalation.Partners;
using TeamsSafeguarding.Escalation.Register;

namespace TeamsSafeguarding.Register;

/// <summary>Turns register entries and case logs into what the board's cards draw.</summary>
public static class RegisterViews
{
    private static readonly CultureInfo English = CultureInfo.GetCultureInfo("en-GB");

    /// <summary>The stages a case can be open at, in process order, for the register's filter.</summary>
    public static IReadOnlyList<StageChoice> OpenStages { get; } =
        [.. Enum.GetValues<CaseStage>().Where(s => s is not (CaseStage.Draft or CaseStage.Closed)).Select(s => new StageChoice(CaseStageWords.Display(s), s.ToString()))];

    public static RagWord? Word(DeadlineRag? rag) => rag switch
    {
        DeadlineRag.Overdue => RagWord.Overdue,
        DeadlineRag.DueSoon => RagWord.DueSoon,
        DeadlineRag.OnTime => RagWord.OnTime,
        _ => null,
    };

    public static string Due(CaseDeadline deadline) => $"{deadline.Words} {DisplayDate.Of(deadline.Due)}";

    public static RegisterItem Item(RegisterRow row) =>
        new(row.Entry.CaseId, row.Entry.Reference, CaseStageWords.Display(row.Entry.Stage), row.Next is { } next ? Due(next) : null, Word(row.Rag));

    public static CaseSummaryInput Summary(RegisterEntry entry, DateTimeOffset now, WorkingDayCalendar calendar, int dueSoonWorkingDays, bool legalHold) =>
        new(entry.CaseId, entry.Reference, CaseStageWords.Display(entry.Stage), entry.ReferringAgency ?? "Not given", entry.RiskBand ?? "Not scored",
            entry.ReceivedAt is { } received ? DisplayDate.Of(received) : null,
            entry.StageSince is { } since ? DisplayDate.Of(since) : null,
            [.. entry.Deadlines.Select(d => (d.Words, DisplayDate.Of(d.Due)))],
            entry.IsOpen ? Word(entry.RagAt(now, calendar, dueSoonWorkingDays)) : null,
            entry.ClosedAt is { } closed ? DisplayDate.Of(closed) : null,
            legalHold);

    /// <summary>"Coordinator (Local authority)", "Referrer", "The bot": a role and agency, never a name or an id.</summary>
    public static string Who(CaseLogEntry line) =>
        line.ActorRole == CaseActor.System.Role ? "The bot"
        : line.ActorAgency is { Length: > 0 } agency ? $"{Role(line.ActorRole)} ({agency})" : Role(line.ActorRole);

    public static CaseLogLineView Line(CaseLogEntry line) =>
        new(TimeZoneInfo.ConvertTime(line.At, LondonTime.Zone).ToString("d MMM yyyy HH:mm", English), Who(line), line.Action, line.Detail);

    private static string Role(string role) => role switch
    {
        "DeputyBoardManager" => "Deputy board manager",
        "PartnerRep" => "Partner representative",
        "BoardAdmin" => "Board admin",
        _ => role,
    };
}
