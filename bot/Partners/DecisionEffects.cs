using Microsoft.Extensions.Options;
using TeamsSafeguarding.Board;
using TeamsSafeguarding.Cards.Partners;
using TeamsSafeguarding.Cases;
using TeamsSafeguarding.Conversations;
using TeamsSafeguarding.Escalation.Partners;
using TeamsSafeguarding.Outbox;
using TeamsSafeguarding.Storage;

namespace TeamsSafeguarding.Partners;

/// <summary>
/// What a partners' decision causes, in the same transaction whoever made it (a view, the chair, or the deadline
/// sweep): the stage, the log line (outcome, method, London date), the notices to the referrer and coordinators,
/// and the partners' card updated in place so its voting buttons go.
/// </summary>
public sealed class DecisionEffects(IOptions<BoardOptions> board, PartnersCards cards)
{
    /// <summary>Key of the coordinators' copy of the decision notice, updated once the agreed response is recorded.</summary>
    public const string NoticeKey = "decision-notice";

    public CaseRecord Apply(PartitionTransaction tx, CaseRecord record, PartnersRow decidedRow, PartnerDecisionState state,
        DateTimeOffset now, string actorKey, string role, string? agency)
    {
        var outcome = state.Outcome!.Value;
        var nextRecord = record with { Stage = PartnerChoiceWords.NextStage(outcome).ToString(), UpdatedAt = now };
        tx.Replace(nextRecord.ToEntity(), record.ETag);
        tx.Add(new CaseLogEntry(now, actorKey, role, agency, CaseActions.Decided,
            $"{outcome}; {state.Method}; {DisplayDate.Iso(state.DecidedAt!.Value)}").ToEntity(record.CaseId));
        foreach (var message in Notices(nextRecord, state)) tx.Send(message);
        tx.Send(cards.Update(nextRecord, decidedRow));
        return nextRecord;
    }

    public static string NextStepWords(PartnerChoice outcome) => outcome == PartnerChoice.MeetingRequired
        ? "A senior management review meeting will be arranged."
        : "The partners' agreed response will be recorded and fed back.";

    /// <summary>The notice card; the coordinators' copy of a "no meeting" decision has the button to record the response.</summary>
    public static Cards.AdaptiveCard NoticeCard(CaseRecord record, PartnerChoice outcome, DecisionMethod method, DateTimeOffset decidedAt,
        bool forCoordinators, string? status = null) =>
        DecisionNoticeCard.Build(record.Reference ?? record.CaseId, PartnerChoiceWords.Display(outcome), DecisionMethodWords.Display(method),
            DisplayDate.Of(decidedAt), NextStepWords(outcome),
            forCoordinators && outcome == PartnerChoice.NoMeeting && status is null ? record.CaseId : null, status);

    private IEnumerable<OutboundMessage> Notices(CaseRecord record, PartnerDecisionState state)
    {
        var (outcome, method, at) = (state.Outcome!.Value, state.Method!.Value, state.DecidedAt!.Value);
        yield return new OutboundMessage(DeliveryTarget.ToUser(record.ReferrerKey),
            Replies.Card(NoticeCard(record, outcome, method, at, forCoordinators: false).ToJson()));
        if (!string.IsNullOrWhiteSpace(board.Value.CoordinatorsChannelId))
            yield return new OutboundMessage(DeliveryTarget.ToChannel(board.Value.CoordinatorsChannelId!),
                Replies.Card(NoticeCard(record, outcome, method, at, forCoordinators: true).ToJson()), NoticeKey);
    }
}
