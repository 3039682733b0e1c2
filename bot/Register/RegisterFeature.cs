using TeamsSafeguarding.Cards.Onboarding;
using TeamsSafeguarding.Cards.Board;
using TeamsSafeguarding.Cases;
using TeamsSafeguarding.Conversations;
using TeamsSafeguarding.Escalation.Calendar;
using TeamsSafeguarding.Escalation.Cases;
using TeamsSafeguarding.Escalation.Process;
using TeamsSafeguarding.Escalation.Referrals;
using TeamsSafeguarding.Escalation.Register;
using TeamsSafeguarding.Retention;
using TeamsSafeguarding.Routing;
using TeamsSafeguarding.Teams;

namespace TeamsSafeguarding.Register;

/// <summary>
/// The board's case register and case log, for coordinators, the deputy board manager, the chair and auditors, in a
/// personal chat or the coordinators' channel: "cases" (or "cases overdue") lists open cases by urgency, a page at a
/// time, filterable by stage and by overdue; a row opens the case's summary; "Case log" (or "log SAB-…") pages through
/// its log. Every case shown is read through a case command that logs the read on it (who, role, when) and re-reads its
/// head, so a register entry a moment stale shows the case as it now is.
/// </summary>
public sealed class RegisterFeature(RegisterIndex register, CaseCommands commands, CaseStore cases, BoardReaders readers, ProcessProfile profile,
    WorkingDayCalendar calendar, Replies replies, TimeProvider clock, ILogger<RegisterFeature> log) : IBotFeature
{
    public const string CasesPhrase = Commands.Cases;
    public const string LogPhrase = Commands.Log;
    public const string NoReference = "Please add the case reference, for example: log SAB-2026-0001.";
    public const string NotFound = "We could not find that case. Please check the reference (it looks like SAB-2026-0001).";

    public void Map(BotRoutes routes)
    {
        routes.Command(CasesPhrase, ListFromChatAsync);
        routes.Command(LogPhrase, LogFromChatAsync);
        routes.Verb(BoardVerbs.ShowRegister, ShowAsync);
        routes.Verb(BoardVerbs.OpenCase, OpenAsync);
        routes.Verb(BoardVerbs.ShowLog, LogAsync);
    }

    private async Task ListFromChatAsync(ChatMessage message, CancellationToken ct)
    {
        if (readers.Refusal(message.Activity, message.Actor, BoardReaders.Readers, BoardReaders.NotAReader) is { } refusal)
        {
            log.LogInformation("Case register refused");
            await replies.SendAsync(message.ConversationId, Replies.Text(refusal), ct);
            return;
        }
        var overdue = message.Text[CasesPhrase.Length..].Trim().Equals("overdue", StringComparison.OrdinalIgnoreCase);
        var card = await PageAsync(message.Actor, new RegisterFilter(OverdueOnly: overdue), ct);
        await replies.SendAsync(message.ConversationId, Replies.Card(card.ToJson()), ct);
    }

    private async Task<InvokeResponse> ShowAsync(CardAction action, CancellationToken ct)
    {
        if (readers.Refusal(action.Activity, action.Actor, BoardReaders.Readers, BoardReaders.NotAReader) is { } refusal) return InvokeResponse.Message(refusal);
        var stage = Enum.TryParse<CaseStage>(action.GetString(BoardVerbs.StageKey), out var s) && Enum.IsDefined(s) ? s : (CaseStage?)null;
        var page = int.TryParse(action.GetString(BoardVerbs.PageKey), out var p) ? p : 1;
        var filter = new RegisterFilter(stage, action.GetString(BoardVerbs.OverdueKey) == "true", page);
        return InvokeResponse.Card((await PageAsync(action.Actor, filter, ct)).ToJson());
    }

    /// <summary>One page of the register; each case on it is read again, and the read logged on it.</summary>
    private async Task<Cards.AdaptiveCard> PageAsync(Actor actor, RegisterFilter filter, CancellationToken ct)
    {
        var now = clock.GetUtcNow();
        var page = RegisterPage.Of(await register.ReadAsync(openOnly: true, ct), filter, now, calendar, profile.DueSoonWorkingDays);
        var who = readers.Directory.ActorFor(actor.UserKey);
        var fresh = await Task.WhenAll(page.Rows.Select(row => commands.RunAsync(row.Entry.CaseId, who, [], (file, writes) =>
        {
            writes.Log(CaseActions.ListedInRegister, $"page {page.Page} of {page.Pages}");
            return RegisterEntry.Of(file.Case, profile, calendar);
        }, () => null, ct)));
        var today = LondonTime.DayOf(now);
        var rows = fresh.OfType<RegisterEntry>().Where(e => e.IsOpen)
            .Select(e => RegisterViews.Item(new RegisterRow(e, e.NextDeadline(today), e.RagAt(now, calendar, profile.DueSoonWorkingDays)))).ToList();
        log.LogInformation("Case register shown: page {Page} of {Pages}, {Rows} case(s)", page.Page, page.Pages, rows.Count);
        return RegisterCard.Build(new RegisterCardInput(rows, page.Page, page.Pages, page.Total, RegisterViews.OpenStages,
            filter.Stage?.ToString(), filter.OverdueOnly, Escalation.Partners.DisplayDate.Of(now)));
    }

    private Task<InvokeResponse> OpenAsync(CardAction action, CancellationToken ct)
    {
        if (readers.Refusal(action.Activity, action.Actor, BoardReaders.Readers, BoardReaders.NotAReader) is { } refusal && refusal != BoardReaders.NotAReader)
            return Task.FromResult(InvokeResponse.Message(refusal));
        return commands.RunAsync(action.GetString(BoardVerbs.CaseIdKey), readers.Directory.ActorFor(action.Actor.UserKey), [LegalHoldRow.Row], (file, writes) =>
        {
            if (!readers.Holds(action.Actor.UserKey, BoardReaders.Readers)) return writes.Refuse("Case summary: not a board reader", InvokeResponse.Message(BoardReaders.NotAReader));
            if (RegisterEntry.Of(file.Case, profile, calendar) is not { } entry) return InvokeResponse.Message(NotFound);
            writes.Log(CaseActions.SummaryViewed);
            var held = LegalHoldRow.FromEntity(file.Row(LegalHoldRow.Row))?.IsHeld == true;
            return InvokeResponse.Card(CaseSummaryCard.Build(RegisterViews.Summary(entry, writes.Now, calendar, profile.DueSoonWorkingDays, held)).ToJson());
        }, () => InvokeResponse.Message(NotFound), ct);
    }

    private async Task LogFromChatAsync(ChatMessage message, CancellationToken ct)
    {
        if (readers.Refusal(message.Activity, message.Actor, BoardReaders.Readers, BoardReaders.NotAReader) is { } refusal && refusal != BoardReaders.NotAReader)
        {
            await replies.SendAsync(message.ConversationId, Replies.Text(refusal), ct);
            return;
        }
        var typed = message.Text[LogPhrase.Length..].Trim();
        if (!CaseReference.TryParse(typed, out var reference))
        {
            await replies.SendAsync(message.ConversationId, Replies.Text(NoReference), ct);
            return;
        }
        var caseId = await cases.FindCaseIdAsync(reference.ToString(), ct);
        var answer = await LogPageAsync(caseId, message.Actor, page: null, ct);
        await replies.SendAsync(message.ConversationId, answer.Body?["type"]?.GetValue<string>() == InvokeResponse.CardType
            ? Replies.Card(answer.Body!["value"]!.AsObject().DeepClone().AsObject())
            : Replies.Text(answer.Body?["value"]?.GetValue<string>() ?? NotFound), ct);
    }

    private Task<InvokeResponse> LogAsync(CardAction action, CancellationToken ct)
    {
        if (readers.Refusal(action.Activity, action.Actor, BoardReaders.Readers, BoardReaders.NotAReader) is { } refusal && refusal != BoardReaders.NotAReader)
            return Task.FromResult(InvokeResponse.Message(refusal));
        return LogPageAsync(action.GetString(BoardVerbs.CaseIdKey), action.Actor,
            int.TryParse(action.GetString(BoardVerbs.PageKey), out var page) ? page : null, ct);
    }

    /// <summary>
    /// A page of the case log (the last, most recent, unless one is asked for). The log is read first (one query of the
    /// case's own partition); the command then logs the view on the case and checks the person's role, refusing (and
    /// logging the refusal) before anything is shown.
    /// </summary>
    private async Task<InvokeResponse> LogPageAsync(string? caseId, Actor actor, int? page, CancellationToken ct)
    {
        var lines = CaseStore.IsCaseId(caseId) ? await cases.GetLogAsync(caseId!, ct) : [];
        return await commands.RunAsync(caseId, readers.Directory.ActorFor(actor.UserKey), [], (file, writes) =>
        {
            if (!readers.Holds(actor.UserKey, BoardReaders.Readers)) return writes.Refuse("Case log: not a board reader", InvokeResponse.Message(BoardReaders.NotAReader));
            if (file.Case.Stage == CaseStage.Draft || file.Case.Reference is null) return InvokeResponse.Message(NotFound);
            var pages = Math.Max(1, (lines.Count + CaseLogCard.PageSize - 1) / CaseLogCard.PageSize);
            var shown = Math.Clamp(page ?? pages, 1, pages);
            writes.Log(CaseActions.LogViewed, $"page {shown} of {pages}");
            var slice = lines.Skip((shown - 1) * CaseLogCard.PageSize).Take(CaseLogCard.PageSize).Select(RegisterViews.Line).ToList();
            return InvokeResponse.Card(CaseLogCard.Build(new CaseLogCardInput(file.CaseId, file.Case.Reference, slice, shown, pages, lines.Count)).ToJson());
        }, () => InvokeResponse.Message(NotFound), ct);
    }
}
