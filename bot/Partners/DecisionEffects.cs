using Microsoft.Extensions.Options;
using TeamsSafeguarding.Board;
using TeamsSafeguarding.Cards.Partners;
using TeamsSafeguarding.Cases;
using TeamsSafeguarding.Conversations;
using TeamsSafeguarding.Escalation.Cases;
using TeamsSafeguarding.Escalation.Partners;
using TeamsSafeguarding.Escalation.Process;
using TeamsSafeguarding.Outbox;

namespace TeamsSafeguarding.Partners;

/// <summary>
/// What a partners' decision causes, in the same case command whoever made it (a view, the chair, or the deadline
/// sweep): the partners row with the decision, the stage and its log line (outcome, method, London date), the notices
/// to the referrer and coordinators, and the partners' card updated in place so its voting buttons go.
/// </summary>
public sealed class DecisionEffects(IOptions<BoardOptions> board, PartnersCards cards, ProcessProfile profile)
{
    /// <summary>Key of the coordinators' copy of the decision notice, updated once the agreed response is recorded.</summary>
    public const string NoticeKey = "decision-notice";

    /// <returns>The case as it now stands, or the refusal when the case is no longer with the partners.</returns>
    public CaseChange Apply(CaseWrites writes, Case record, PartnersRow decidedRow, PartnerDecisionState state)
    {
        var outcome = state.Outcome!.Value;
        var change = record.PartnersDecided(outcome == PartnerChoice.MeetingRequired, outcome.ToString(), state.Method!.Value.ToString(),
            Escalation.Calendar.LondonTime.DayOf(state.DecidedAt!.Value), profile.Stages, writes.Now);
        if (change.IsRefused) return change;
        writes.Apply(change).Put(decidedRow.ToEntity());
        foreach (var message in Notices(change.After, state)) writes.Send(message);
        writes.Send(cards.Update(change.After, decidedRow));
        return change;
    }

    public static string NextStepWords(PartnerChoice outcome) => outcome == PartnerChoice.MeetingRequired
        ? "A senior management review meeting will be arranged: a coordinator records the lead agency."
        : "The partners' agreed response will be recorded and fed back.";

    /// <summary>
    /// The notice card; until the next step is taken, the coordinators' copy has its button: record the agreed response
    /// ("no meeting") or arrange the review meeting ("meeting required").
    /// </summary>
    public static Cards.AdaptiveCard NoticeCard(Case record, PartnerChoice outcome, DecisionMethod method, DateTimeOffset decidedAt,
        bool forCoordinators, string? status = null) =>
        DecisionNoticeCard.Build(record.ReferenceOrId, PartnerChoiceWords.Display(outcome), DecisionMethodWords.Display(method),
            DisplayDate.Of(decidedAt), NextStepWords(outcome),
            forCoordinators && outcome == PartnerChoice.NoMeeting && status is null ? record.CaseId : null, status,
            forCoordinators && outcome == PartnerChoice.MeetingRequired && status is null && record.Stage == CaseStage.MeetingRequired ? record.CaseId : null);

    private IEnumerable<OutboundMessage> Notices(Case record, PartnerDecisionState state)
    {
        var (outcome, method, at) = (state.Outcome!.Value, state.Method!.Value, state.DecidedAt!.Value);
        yield return new OutboundMessage(DeliveryTarget.ToUser(record.ReferrerKey),
            Replies.Card(NoticeCard(record, outcome, method, at, forCoordinators: false).ToJson()));
        if (!string.IsNullOrWhiteSpace(board.Value.CoordinatorsChannelId))
            yield return new OutboundMessage(DeliveryTarget.ToChannel(board.Value.CoordinatorsChannelId!),
                Replies.Card(NoticeCard(record, outcome, method, at, forCoordinators: true).ToJson()), NoticeKey);
    }
}
