using Microsoft.Extensions.Options;
using TeamsSafeguarding.Board;
using TeamsSafeguarding.Cards.Triage;
using TeamsSafeguarding.Escalation.Cases;
using TeamsSafeguarding.Conversations;
using TeamsSafeguarding.Outbox;

namespace TeamsSafeguarding.Triage;

/// <summary>
/// What the coordinators' channel is told when a referral is received (first submission or resubmission).
/// The referral feature queues it in the same transaction as the submission. The card carries no personal
/// data: reference, stage, referring agency, risk band word, action needed.
/// It is the triage card itself (five checks and the decision buttons), updated in place once acted on.
/// </summary>
public sealed class ReceivedReferralNotice(IOptions<BoardOptions> board, Escalation.Process.ProcessProfile profile)
{
    public const string TriageCardKey = "triage-card";

    public bool HasCoordinatorsChannel => !string.IsNullOrWhiteSpace(board.Value.CoordinatorsChannelId);

    /// <returns>The channel message, or null when no coordinators' channel is set up yet.</returns>
    /// <param name="absence">The deputy board manager's recorded absence, read before the command (the card says whether they are away).</param>
    public OutboundMessage? ForCoordinators(Case record, Escalation.Triage.DeputyAbsence? absence, DateTimeOffset now)
    {
        if (!HasCoordinatorsChannel) return null;
        var card = TriageCard.Build(TriageCards.InputFor(record, absence, profile.UntriagedForwarding, now));
        return new OutboundMessage(DeliveryTarget.ToChannel(board.Value.CoordinatorsChannelId!), Replies.Card(card.ToJson()), TriageCardKey);
    }
}
