using System.Text.Json.Nodes;
using Microsoft.Extensions.Options;
using TeamsSafeguarding.Board;
using TeamsSafeguarding.Cards;
using TeamsSafeguarding.Cases;
using TeamsSafeguarding.Conversations;
using TeamsSafeguarding.Outbox;

namespace TeamsSafeguarding.Triage;

/// <summary>
/// What the coordinators' channel is told when a referral is received (first submission or resubmission).
/// The referral feature queues it in the same transaction as the submission. The card carries no personal
/// data: reference, stage, referring agency, risk band word, action needed.
/// </summary>
public sealed class ReceivedReferralNotice(IOptions<BoardOptions> board)
{
    public const string TriageCardKey = "triage-card";

    public bool HasCoordinatorsChannel => !string.IsNullOrWhiteSpace(board.Value.CoordinatorsChannelId);

    /// <returns>The channel message, or null when no coordinators' channel is set up yet.</returns>
    public OutboundMessage? ForCoordinators(CaseRecord record, DateTimeOffset receivedAt)
    {
        if (!HasCoordinatorsChannel) return null;
        var card = new AdaptiveCard
        {
            Body =
            [
                new TextBlock { Text = $"Referral {record.Reference} received", Weight = TextWeight.Bolder, Size = TextSize.Medium },
                new FactSet
                {
                    Facts =
                    [
                        new Fact("Stage", "Received: waiting for triage"),
                        new Fact("Referring agency", CardText.Plain(record.ReferringAgency ?? "Not given")),
                        new Fact("Risk", record.RiskBand ?? "Not scored"),
                        new Fact("Version", record.Version.ToString()),
                        new Fact("Action needed", "Deputy board manager to triage"),
                    ],
                },
            ],
            Actions =
            [
                new ExecuteAction { Title = "Show details", Verb = "case.details", Data = new JsonObject { ["caseId"] = record.CaseId } },
            ],
        };
        return new OutboundMessage(DeliveryTarget.ToChannel(board.Value.CoordinatorsChannelId!), Replies.Card(card.ToJson()), TriageCardKey);
    }
}
