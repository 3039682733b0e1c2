using System.Globalization;
using Azure.Data.Tables;
using Microsoft.Extensions.Options;
using TeamsSafeguarding.Board;
using TeamsSafeguarding.Cards.Triage;
using TeamsSafeguarding.Cases;
using TeamsSafeguarding.Conversations;
using TeamsSafeguarding.Escalation.Calendar;
using TeamsSafeguarding.Escalation.Cases;
using TeamsSafeguarding.Escalation.Triage;
using TeamsSafeguarding.Outbox;
using TeamsSafeguarding.Partners;
using TeamsSafeguarding.Routing;
using TeamsSafeguarding.Teams;

namespace TeamsSafeguarding.Triage;

/// <summary>
/// The triage card's buttons: the deputy board manager returns the referral or sends it to the statutory partners;
/// a coordinator may send it on untriaged when the DBM is absent. Each outcome is one case transaction: the stage
/// (ETag-guarded, so two clicks cannot both win), the "triage" row, the log and the messages it causes.
/// </summary>
public sealed class TriageFeature(CaseStore cases, BoardDirectory directory, PartnersCards partnersCards, IOptions<BoardOptions> board,
    WorkingDayCalendar calendar, IOptions<CalendarOptions> calendarOptions, TimeProvider clock, ILogger<TriageFeature> log) : IBotFeature
{
    public const string Row = "triage";
    private static readonly CultureInfo English = CultureInfo.GetCultureInfo("en-GB");

    public void Map(BotRoutes routes)
    {
        routes.Verb(TriageVerbs.Return, (a, ct) => TriageAsync(a, TriageDecision.ReturnToReferrer, ct));
        routes.Verb(TriageVerbs.Send, (a, ct) => TriageAsync(a, TriageDecision.SendToPartners, ct));
        routes.Verb(TriageVerbs.ForwardUntriaged, ForwardUntriagedAsync);
    }

    private async Task<InvokeResponse> TriageAsync(CardAction action, TriageDecision decision, CancellationToken ct)
    {
        if (await FindAsync(action, ct) is not { } record) return NotFound();
        if (!directory.HasAny(action.Actor.UserKey, BoardRole.DeputyBoardManager))
            return await RefuseAsync(record, action, "Only the deputy board manager can triage referrals. " +
                "If the deputy board manager is absent, a coordinator can send the referral on without triage.", ct);

        var answers = new List<TriageAnswer>();
        var values = new Dictionary<string, string?>();
        foreach (var info in TriageChecklist.All)
        {
            var result = action.GetString(info.FieldId);
            var note = action.GetString(TriageCard.NoteId(info.FieldId));
            values[info.FieldId] = result;
            values[TriageCard.NoteId(info.FieldId)] = note;
            if (result == TriageCard.Met || result == TriageCard.NotMet)
                answers.Add(new TriageAnswer(info.Check, result == TriageCard.Met ? TriageCheckResult.Met : TriageCheckResult.NotMet,
                    string.IsNullOrWhiteSpace(note) ? null : note.Trim()));
        }
        var returnNote = action.GetString(TriageCard.ReturnNoteId);
        values[TriageCard.ReturnNoteId] = returnNote;

        var now = clock.GetUtcNow();
        var stage = StageOf(record);
        // "Received" means waiting for triage: the card is the triage step itself.
        var current = stage == CaseStage.Received ? CaseStage.InTriage : stage;
        var decided = TriageRules.Decide(current, new TriageSubmission(answers, decision, returnNote, action.Actor.UserKey, now));
        if (!decided.IsValid)
        {
            var errors = FieldError.ByField(decided.Errors);
            return InvokeResponse.Card(TriageCard.Build(TriageCards.InputFor(record, errors, values)).ToJson());
        }
        return await CommitAsync(record, action, decided.Outcome! with { From = stage }, ct);
    }

    private async Task<InvokeResponse> ForwardUntriagedAsync(CardAction action, CancellationToken ct)
    {
        if (await FindAsync(action, ct) is not { } record) return NotFound();
        if (!directory.HasAny(action.Actor.UserKey, BoardRole.Coordinator))
            return await RefuseAsync(record, action, "Only a coordinator can send a referral on without triage (when the deputy board manager is absent).", ct);
        var result = TriageRules.ForwardUntriaged(StageOf(record), action.Actor.UserKey, clock.GetUtcNow());
        if (!result.IsValid)
            return InvokeResponse.Message(string.Join(" ", result.Errors.Select(e => e.Message)));
        return await CommitAsync(record, action, result.Outcome!, ct);
    }

    private async Task<InvokeResponse> CommitAsync(CaseRecord record, CardAction action, TriageOutcome outcome, CancellationToken ct)
    {
        var at = outcome.DecidedAt;
        var actor = action.Actor.UserKey;
        var role = directory.MainRoleOf(actor);
        var failedNames = outcome.FailedChecks.Select(c => TriageChecklist.Describe(c).Name).ToList();
        var next = record with { Stage = outcome.NextStage.ToString(), UpdatedAt = at };

        var tx = cases.Begin(record.CaseId);
        tx.Replace(next.ToEntity(), record.ETag);
        tx.Upsert(TriageRow(record.CaseId, outcome));
        if (outcome.Kind != TriageOutcomeKind.ForwardedUntriaged)
            tx.Add(Log(at, actor, role, CaseActions.Triaged,
                failedNames.Count == 0 ? "All checks met" : "Not met: " + string.Join(", ", failedNames)).ToEntity(record.CaseId));

        switch (outcome.Kind)
        {
            case TriageOutcomeKind.ReturnedToReferrer:
                tx.Add(Log(at, actor, role, CaseActions.Returned, "Not met: " + string.Join(", ", failedNames)).ToEntity(record.CaseId));
                tx.Send(new OutboundMessage(DeliveryTarget.ToUser(record.ReferrerKey),
                    Replies.Card(ReturnedReferralCard.Build(record.CaseId, record.Reference ?? record.CaseId, failedNames, outcome.ReturnNote!).ToJson())));
                break;
            default:
                var untriaged = outcome.NotTriaged;
                tx.Add(Log(at, actor, role, untriaged ? CaseActions.SentUntriaged : CaseActions.SentToPartners,
                    untriaged ? "Triage not completed" : null).ToEntity(record.CaseId));
                var deadlines = WorkingDayDeadlines.FromSent(at, calendar, calendarOptions.Value);
                var partners = PartnersRow.Start(record.CaseId, at, deadlines, untriaged);
                tx.Upsert(partners.ToEntity());
                if (!string.IsNullOrWhiteSpace(board.Value.PartnersChannelId))
                    tx.Send(partnersCards.FirstPost(board.Value.PartnersChannelId!, next, partners));
                break;
        }
        var outcomeCard = OutcomeCard(next, outcome, failedNames);
        tx.Send(new OutboundMessage(DeliveryTarget.UpdateOf(ReceivedReferralNotice.TriageCardKey), Replies.Card(outcomeCard.ToJson())));

        try
        {
            await tx.CommitAsync(ct);
        }
        catch (TableTransactionFailedException e) when (e.Status is 412 or 409)
        {
            log.LogInformation("Triage lost a race with another action on the case");
            return InvokeResponse.Message("Someone else acted on this referral at the same moment. Please refresh the card to see where it stands.");
        }
        log.LogInformation("Triage outcome {Kind} recorded", outcome.Kind);
        return InvokeResponse.Card(outcomeCard.ToJson());
    }

    private static TableEntity TriageRow(string caseId, TriageOutcome outcome) => new(CaseRecord.PartitionOf(caseId), Row)
    {
        ["Outcome"] = outcome.Kind.ToString(),
        ["FailedChecks"] = string.Join(",", outcome.FailedChecks),
        ["Answers"] = string.Join(",", outcome.Answers.Select(a => $"{a.Check}={a.Result}")),
        // Notes are typed text: kept on the case file (shown to those entitled), never logged.
        ["Notes"] = System.Text.Json.JsonSerializer.Serialize(outcome.Answers.Where(a => a.Note is not null).ToDictionary(a => a.Check.ToString(), a => a.Note)),
        ["ReturnNote"] = outcome.ReturnNote,
        ["Untriaged"] = outcome.NotTriaged,
        ["DecidedBy"] = outcome.DecidedBy,
        ["DecidedAt"] = outcome.DecidedAt,
    };

    private static Cards.AdaptiveCard OutcomeCard(CaseRecord record, TriageOutcome outcome, IReadOnlyList<string> failedNames) =>
        TriageCard.Outcome(new TriageOutcomeCardInput(record.CaseId, record.Reference ?? record.CaseId, record.ReferringAgency ?? "Not given",
            record.RiskBand ?? "Not scored",
            outcome.Kind switch
            {
                TriageOutcomeKind.ReturnedToReferrer => "Returned to referrer",
                TriageOutcomeKind.SentToPartners => "Sent to statutory partners",
                _ => "Sent to statutory partners without triage",
            },
            outcome.DecidedAt.UtcDateTime.ToString("d MMMM yyyy", English), failedNames, outcome.NotTriaged));

    private CaseLogEntry Log(DateTimeOffset at, string actor, string role, string action, string? detail) =>
        new(at, actor, role, directory.AgencyOf(actor)?.Name, action, detail);

    private async Task<CaseRecord?> FindAsync(CardAction action, CancellationToken ct) =>
        action.GetString("caseId") is { } caseId ? await cases.GetAsync(caseId, ct) : null;

    private static InvokeResponse NotFound() => InvokeResponse.Message("We could not find this referral. It may have been withdrawn.");

    private static CaseStage StageOf(CaseRecord record) => Enum.TryParse<CaseStage>(record.Stage, out var s) ? s : CaseStage.Draft;

    private async Task<InvokeResponse> RefuseAsync(CaseRecord record, CardAction action, string message, CancellationToken ct)
    {
        var tx = cases.Begin(record.CaseId);
        tx.Add(Log(clock.GetUtcNow(), action.Actor.UserKey, directory.MainRoleOf(action.Actor.UserKey), CaseActions.AccessRefused, action.Verb)
            .ToEntity(record.CaseId));
        await tx.CommitAsync(ct);
        log.LogInformation("Triage action refused for lack of role");
        return InvokeResponse.Message(message);
    }
}
