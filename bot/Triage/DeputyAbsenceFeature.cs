using TeamsSafeguarding.Board;
using TeamsSafeguarding.Cards.Onboarding;
using TeamsSafeguarding.Cards.Triage;
using TeamsSafeguarding.Cases;
using TeamsSafeguarding.Conversations;
using TeamsSafeguarding.Escalation.Calendar;
using TeamsSafeguarding.Escalation.Cases;
using TeamsSafeguarding.Escalation.Process;
using TeamsSafeguarding.Escalation.Triage;
using TeamsSafeguarding.Outbox;
using TeamsSafeguarding.Register;
using TeamsSafeguarding.Routing;
using TeamsSafeguarding.Storage;
using TeamsSafeguarding.Teams;

namespace TeamsSafeguarding.Triage;

/// <summary>
/// "away": the deputy board manager records that they are away (their own "I'm away"), or a coordinator sets a cover
/// period; either may end it early. The absence is a board-wide fact with a history (<see cref="DeputyAbsenceStore"/>).
/// Once it changes, the triage cards of referrals waiting for triage are updated in place, so they say whether the
/// deputy is away and offer "send without triage" only while the board allows it.
/// </summary>
public sealed class DeputyAbsenceFeature(DeputyAbsenceStore absences, BoardDirectory directory, CaseCommands commands, RegisterIndex register,
    ReceivedReferralNotice notice, Replies replies, TimeProvider clock, ILogger<DeputyAbsenceFeature> log) : IBotFeature
{
    public const string Refused = "Only the deputy board manager or a coordinator can record the deputy board manager's absence.";

    public void Map(BotRoutes routes)
    {
        routes.Command(Commands.Away, ShowAsync);
        routes.Verb(DeputyAbsenceVerbs.Record, RecordAsync);
        routes.Verb(DeputyAbsenceVerbs.End, EndAsync);
    }

    private bool MayRecord(string userKey) => directory.HasAny(userKey, BoardRole.DeputyBoardManager, BoardRole.Coordinator);

    private async Task ShowAsync(ChatMessage message, CancellationToken ct)
    {
        if (!MayRecord(message.Actor.UserKey))
        {
            await replies.SendAsync(message.ConversationId, Replies.Text(Refused), ct);
            return;
        }
        var card = DeputyAbsenceCard.Build(await InputAsync(ct));
        await replies.SendAsync(message.ConversationId, Replies.Card(card.ToJson()), ct);
    }

    private async Task<InvokeResponse> RecordAsync(CardAction action, CancellationToken ct)
    {
        var who = action.Actor.UserKey;
        if (!MayRecord(who)) return InvokeResponse.Message(Refused);
        var now = clock.GetUtcNow();
        var from = ParseDay(action.GetString(DeputyAbsenceCard.FromId));
        var to = ParseDay(action.GetString(DeputyAbsenceCard.ToId));
        var recordedAs = directory.HasAny(who, BoardRole.DeputyBoardManager) ? AbsenceRecordedAs.Own : AbsenceRecordedAs.Cover;
        var (absence, errors) = DeputyAbsence.Record(from, to, LondonTime.DayOf(now), recordedAs, who, now);
        if (absence is null)
            return InvokeResponse.Card(DeputyAbsenceCard.Build(await InputAsync(ct) with { From = from, To = to, Errors = FieldError.ByField(errors) }).ToJson());
        await absences.SetAsync(absence, who, now, ct);
        log.LogInformation("Deputy board manager's absence recorded ({RecordedAs}, {Days} days)", recordedAs, absence.To.DayNumber - absence.From.DayNumber + 1);
        await UpdateTriageCardsAsync(absence, ct);
        return InvokeResponse.Card(DeputyAbsenceCard.Build(await InputAsync(ct) with { Done = "Recorded. The triage cards waiting in the coordinators' channel now say so." }).ToJson());
    }

    private async Task<InvokeResponse> EndAsync(CardAction action, CancellationToken ct)
    {
        var who = action.Actor.UserKey;
        if (!MayRecord(who)) return InvokeResponse.Message(Refused);
        await absences.SetAsync(null, who, clock.GetUtcNow(), ct);
        log.LogInformation("Deputy board manager's absence ended");
        await UpdateTriageCardsAsync(null, ct);
        return InvokeResponse.Card(DeputyAbsenceCard.Build(await InputAsync(ct) with { Done = "Ended: the deputy board manager is not recorded as away." }).ToJson());
    }

    private async Task<DeputyAbsenceCardInput> InputAsync(CancellationToken ct)
    {
        var absence = await absences.GetAsync(ct);
        var today = LondonTime.DayOf(clock.GetUtcNow());
        var status = absence is null || absence.To < today ? "Not recorded as away"
            : absence.Covers(today) ? char.ToUpperInvariant(absence.Words[0]) + absence.Words[1..]
            : $"Not away today; {absence.Words}";
        return new DeputyAbsenceCardInput(status, absence is not null && absence.To >= today, today) { From = absence?.From, To = absence?.To };
    }

    /// <summary>
    /// Every triage card still waiting is redrawn in place with the absence as it now stands. The cases waiting are found
    /// in the board's register (one partition), never by reading every case; each is redrawn by its own case command,
    /// which re-reads the case, and one that cannot be redrawn is logged by id and does not stop the others.
    /// </summary>
    private async Task UpdateTriageCardsAsync(DeputyAbsence? absence, CancellationToken ct)
    {
        var posted = OutboxRow.PostedKey(ReceivedReferralNotice.TriageCardKey);
        var waiting = (await register.ReadAsync(openOnly: true, ct)).Where(e => e.Stage is CaseStage.Received or CaseStage.InTriage);
        foreach (var entry in waiting)
        {
            try
            {
                await commands.RunAsync(entry.CaseId, CaseActor.System, [posted], (file, writes) =>
                {
                    if (file.Case.Stage is not (CaseStage.Received or CaseStage.InTriage) || file.Row(posted) is null) return false;
                    if (notice.ForCoordinators(file.Case, absence, writes.Now) is { } card)
                        writes.Send(new OutboundMessage(DeliveryTarget.UpdateOf(ReceivedReferralNotice.TriageCardKey), card.Activity));
                    return true;
                }, () => false, ct);
            }
            catch (Exception e) when (!ct.IsCancellationRequested)
            {
                log.LogWarning("Updating the triage cards after an absence change: case {CaseId} could not be updated ({ExceptionType})",
                    entry.CaseId, e.GetType().Name);
            }
        }
    }

    private static DateOnly? ParseDay(string? raw) => Escalation.Referrals.FieldValues.ParseDate(raw);
}
