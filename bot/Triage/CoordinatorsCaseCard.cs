using Azure.Data.Tables;
using TeamsSafeguarding.Cards.Triage;
using TeamsSafeguarding.Conversations;
using TeamsSafeguarding.Escalation.Cases;
using TeamsSafeguarding.Escalation.Partners;
using TeamsSafeguarding.Escalation.Triage;
using TeamsSafeguarding.Outbox;
using TeamsSafeguarding.Partners;

namespace TeamsSafeguarding.Triage;

/// <summary>A card for the coordinators' channel, the message key later updates use, and what it is in words (for the log).</summary>
public sealed record CoordinatorsCard(OutboundMessage Message, string Words);

/// <summary>
/// What the coordinators' channel shows for a case at its current stage, built as the features that first post them
/// do: waiting for triage, the triage card with its buttons; triaged, the triage outcome; decided by the partners, the
/// coordinators' decision notice (with "Record the agreed response" until it is recorded). Channel-safe facts only.
/// </summary>
public static class CoordinatorsCaseCard
{
    public static CoordinatorsCard For(Case record, TableEntity? triageRow, PartnersRow? partners, string channelId,
        DeputyAbsence? absence, Escalation.Process.UntriagedForwarding policy, DateTimeOffset now)
    {
        var to = DeliveryTarget.ToChannel(channelId);
        if (partners is { Outcome: { } outcome, Method: { } method, DecidedAt: { } decidedAt })
        {
            var status = partners.Response is null ? null
                : $"Agreed response recorded on {DisplayDate.Of(partners.FeedbackAt ?? decidedAt)} and fed back to the referrer. Case closed.";
            var notice = DecisionEffects.NoticeCard(record, outcome, method, decidedAt, forCoordinators: true, status);
            return new(new OutboundMessage(to, Replies.Card(notice.ToJson()), DecisionEffects.NoticeKey), "partners' decision notice");
        }
        if (record.Stage is CaseStage.Received or CaseStage.InTriage)
            return new(new OutboundMessage(to, Replies.Card(TriageCard.Build(TriageCards.InputFor(record, absence, policy, now)).ToJson()),
                ReceivedReferralNotice.TriageCardKey), "triage card");
        return new(new OutboundMessage(to, Replies.Card(TriageCard.Outcome(OutcomeInput(record, triageRow, partners)).ToJson()),
            ReceivedReferralNotice.TriageCardKey), "triage outcome");
    }

    /// <summary>The triage outcome as TriageFeature recorded it in the "triage" row (outcome, unmet checks, date).</summary>
    private static TriageOutcomeCardInput OutcomeInput(Case record, TableEntity? triageRow, PartnersRow? partners)
    {
        var kind = Enum.TryParse<TriageOutcomeKind>(triageRow?.GetString("Outcome"), out var k) ? k : (TriageOutcomeKind?)null;
        var unmet = (triageRow?.GetString("FailedChecks") ?? "").Split(',', StringSplitOptions.RemoveEmptyEntries)
            .Select(c => Enum.TryParse<TriageCheck>(c, out var check) ? TriageChecklist.Describe(check).Name : null)
            .OfType<string>().ToList();
        var decided = triageRow?.GetDateTimeOffset("DecidedAt") ?? partners?.SentAt ?? record.UpdatedAt;
        var words = kind is { } known ? TriageOutcomeWords.Of(known) : CaseStageWords.Display(record.Stage);
        return new TriageOutcomeCardInput(record.CaseId, record.ReferenceOrId, record.ReferringAgency ?? "Not given",
            record.RiskBand ?? "Not scored", words, DisplayDate.Of(decided), unmet,
            kind == TriageOutcomeKind.ForwardedUntriaged || partners?.NotTriaged == true);
    }
}
