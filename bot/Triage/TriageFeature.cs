using TeamsSafeguarding.Board;
using TeamsSafeguarding.Cards.Triage;
using TeamsSafeguarding.Cases;
using TeamsSafeguarding.Conversations;
using TeamsSafeguarding.Escalation.Calendar;
using TeamsSafeguarding.Escalation.Cases;
using TeamsSafeguarding.Escalation.Process;
using TeamsSafeguarding.Escalation.Triage;
using TeamsSafeguarding.Escalation.Partners;
using TeamsSafeguarding.Outbox;
using TeamsSafeguarding.Partners;
using TeamsSafeguarding.Routing;
using TeamsSafeguarding.Teams;

namespace TeamsSafeguarding.Triage;

/// <summary>
/// The triage card's buttons: the deputy board manager returns the referral or sends it to the statutory partners;
/// a coordinator may send it on untriaged when the board's process allows it. Each outcome is one case command: the
/// stage change, the "triage" row, the log and the messages it causes, committed together.
/// </summary>
public sealed class TriageFeature(CaseCommands commands, BoardDirectory directory, PartnersRound round, ProcessProfile profile,
    DeputyAbsenceStore absences, PartnersRoster roster,
    ILogger<TriageFeature> log) : IBotFeature
{
    public const string NotFound = "We could not find this referral. It may have been withdrawn.";
    public const string OnlyDeputy = "Only the deputy board manager can triage referrals. " +
        "If the deputy board manager is absent, a coordinator can send the referral on without triage.";
    public const string OnlyCoordinator = "Only a coordinator can send a referral on without triage (while the deputy board manager is recorded as away).";

    public void Map(BotRoutes routes)
    {
        routes.Verb(TriageVerbs.Return, (a, ct) => TriageAsync(a, TriageDecision.ReturnToReferrer, ct));
        routes.Verb(TriageVerbs.Send, (a, ct) => TriageAsync(a, TriageDecision.SendToPartners, ct));
        routes.Verb(TriageVerbs.ForwardUntriaged, ForwardUntriagedAsync);
    }

    private async Task<InvokeResponse> TriageAsync(CardAction action, TriageDecision decision, CancellationToken ct)
    {
        var (answers, values) = ReadChecks(action);
        var absence = await absences.GetAsync(ct);
        // The partners' card may be posted now: its refresh ids should cover the partners' channel from the first post.
        if (decision == TriageDecision.SendToPartners) await roster.RefreshAsync(ct);
        return await Command(action, BoardRole.DeputyBoardManager, OnlyDeputy, (file, writes) =>
        {
            var record = file.Case;
            // "Received" means waiting for triage: the card is the triage step itself.
            var current = record.Stage == CaseStage.Received ? CaseStage.InTriage : record.Stage;
            var decided = TriageRules.Decide(current, new TriageSubmission(answers, decision, values[TriageCard.ReturnNoteId], writes.Actor.Key, writes.Now));
            if (!decided.IsValid)
                return InvokeResponse.Card(TriageCard.Build(TriageCards.InputFor(record, absence, profile.UntriagedForwarding, writes.Now,
                    FieldError.ByField(decided.Errors), values)).ToJson());
            var outcome = decided.Outcome! with { From = record.Stage };
            var failed = outcome.FailedChecks.Select(c => TriageChecklist.Describe(c).Name).ToList();
            return Commit(writes, outcome, record.Triage(failed.Count == 0, failed, profile.Stages, writes.Now), failed);
        }, ct);
    }

    /// <summary>
    /// "Send without triage": allowed by the board's process, and (by default) only while the deputy board manager is
    /// recorded as away; the absence relied on goes in the case log with the move.
    /// </summary>
    private async Task<InvokeResponse> ForwardUntriagedAsync(CardAction action, CancellationToken ct)
    {
        var absence = await absences.GetAsync(ct);
        await roster.RefreshAsync(ct);
        return await Command(action, BoardRole.Coordinator, OnlyCoordinator, (file, writes) =>
        {
            var record = file.Case;
            var away = absence?.Covers(LondonTime.DayOf(writes.Now)) == true;
            var result = TriageRules.ForwardUntriaged(record.Stage, writes.Actor.Key, writes.Now, profile.UntriagedForwarding, away);
            if (!result.IsValid) return writes.Refuse($"Send without triage: {(away ? "not allowed" : "deputy board manager not recorded as away")}",
                InvokeResponse.Message(string.Join(" ", result.Errors.Select(e => e.Message))));
            return Commit(writes, result.Outcome!, record.ForwardUntriaged(profile.Stages, writes.Now, away ? absence!.Words : null), []);
        }, ct);
    }

    /// <summary>Runs a triage decision as one case command, for people holding the role (others' refusals are logged on the case).</summary>
    private Task<InvokeResponse> Command(CardAction action, BoardRole role, string refusal,
        Func<CaseFile, CaseWrites, InvokeResponse> decide, CancellationToken ct) =>
        commands.RunAsync(action.GetString("caseId"), directory.ActorFor(action.Actor.UserKey), [], (file, writes) =>
            directory.HasAny(writes.Actor.Key, role) ? decide(file, writes) : writes.Refuse(action.Verb, InvokeResponse.Message(refusal)),
            () => InvokeResponse.Message(NotFound), ct);

    private InvokeResponse Commit(CaseWrites writes, TriageOutcome outcome, CaseChange change, IReadOnlyList<string> failedNames)
    {
        if (change.IsRefused) return InvokeResponse.Message(change.Refusal!);
        var next = change.After;
        writes.Apply(change).Put(TriageRow.ToEntity(next.CaseId, outcome));
        if (outcome.Kind == TriageOutcomeKind.ReturnedToReferrer)
        {
            writes.Send(new OutboundMessage(DeliveryTarget.ToUser(next.ReferrerKey),
                Replies.Card(ReturnedReferralCard.Build(next.CaseId, next.ReferenceOrId, failedNames, outcome.ReturnNote!).ToJson())));
        }
        else
        {
            round.Start(writes, next, outcome.NotTriaged);
        }
        var outcomeCard = OutcomeCard(next, outcome, failedNames);
        writes.Send(new OutboundMessage(DeliveryTarget.UpdateOf(ReceivedReferralNotice.TriageCardKey), Replies.Card(outcomeCard.ToJson())));
        log.LogInformation("Triage outcome {Kind} recorded", outcome.Kind);
        return InvokeResponse.Card(outcomeCard.ToJson());
    }

    /// <summary>The checks as ticked (a box sends Met or NotMet) and the note; anything else is an unanswered check.</summary>
    private static (List<TriageAnswer> Answers, Dictionary<string, string?> Values) ReadChecks(CardAction action)
    {
        var answers = new List<TriageAnswer>();
        var values = new Dictionary<string, string?>();
        foreach (var info in TriageChecklist.All)
        {
            var result = action.GetString(info.FieldId);
            values[info.FieldId] = result;
            if (result == TriageCard.Met || result == TriageCard.NotMet)
                answers.Add(new TriageAnswer(info.Check, result == TriageCard.Met ? TriageCheckResult.Met : TriageCheckResult.NotMet));
        }
        values[TriageCard.ReturnNoteId] = action.GetString(TriageCard.ReturnNoteId);
        return (answers, values);
    }

    private static Cards.AdaptiveCard OutcomeCard(Case record, TriageOutcome outcome, IReadOnlyList<string> failedNames) =>
        TriageCard.Outcome(new TriageOutcomeCardInput(record.CaseId, record.ReferenceOrId, record.ReferringAgency ?? "Not given",
            record.RiskBand ?? "Not scored", TriageOutcomeWords.Of(outcome.Kind), DisplayDate.Of(outcome.DecidedAt), failedNames, outcome.NotTriaged));
}

/// <summary>The words for a triage outcome on cards.</summary>
public static class TriageOutcomeWords
{
    public static string Of(TriageOutcomeKind kind) => kind switch
    {
        TriageOutcomeKind.ReturnedToReferrer => "Returned to referrer",
        TriageOutcomeKind.SentToPartners => "Sent to statutory partners",
        _ => "Sent to statutory partners without triage",
    };
}
