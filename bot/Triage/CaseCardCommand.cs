using Azure.Data.Tables;
using Microsoft.Extensions.Options;
using TeamsSafeguarding.Board;
using TeamsSafeguarding.Cards.Partners;
using TeamsSafeguarding.Cases;
using TeamsSafeguarding.Conversations;
using TeamsSafeguarding.Escalation.Partners;
using TeamsSafeguarding.Escalation.Referrals;
using TeamsSafeguarding.Outbox;
using TeamsSafeguarding.Partners;
using TeamsSafeguarding.Routing;
using TeamsSafeguarding.Storage;
using TeamsSafeguarding.Teams;

namespace TeamsSafeguarding.Triage;

/// <summary>
/// "@Safeguarding Bot case SAB-2026-0001" in a board channel: posts the case's current card again as a new message,
/// because channel cards get buried (and the Agents Playground forgets its messages when restarted as another person).
/// In the partners' channel it is the shared read-only partners' card; in the coordinators' channel the triage card or
/// decision notice for the case's stage (<see cref="CoordinatorsCaseCard"/>). The new post is stored under the same
/// message key as the original, so later in-place updates go to it. Board members only; the read is logged on the case.
/// </summary>
public sealed class CaseCardCommand(CaseStore cases, BoardDirectory directory, PartnersCards partnersCards, MemberTeamsIds teamsIds,
    IOptions<BoardOptions> board, IOptions<BotOptions> bot, Replies replies, TimeProvider clock, ILogger<CaseCardCommand> log) : IBotFeature
{
    public const string Phrase = TeamsSafeguarding.Cards.Onboarding.Commands.Case;
    public const int MaxAttempts = 5;

    public const string NotAChannel = "Type this in the coordinators' or the statutory partners' channel, with the reference: @Safeguarding Bot case SAB-2026-0001.";
    public const string OtherChannel = "This channel is not one of the board's channels. Type it in the coordinators' or the statutory partners' channel.";
    public const string NoReference = "Please add the case reference, for example: @Safeguarding Bot case SAB-2026-0001.";
    public const string Refused = "Sorry, only the board's coordinators, deputy board manager, chair, statutory partner members and admins can bring a case's card back.";
    public const string WrongTenant = "Sorry, this bot serves only its own Safeguarding Adults Board's organisation.";

    private static readonly BoardRole[] BoardMembers =
        [BoardRole.Coordinator, BoardRole.DeputyBoardManager, BoardRole.Chair, BoardRole.PartnerRep, BoardRole.BoardAdmin];

    public void Map(BotRoutes routes) => routes.Command(Phrase, ShowAsync);

    public static string NotFound(string reference) =>
        $"I can't find a referral {reference}. Please check the reference (it looks like SAB-2026-0001).";

    public static string NotWithPartners(string reference) =>
        $"Referral {reference} has not been sent to the statutory partners, so it has no partners' card yet.";

    private async Task ShowAsync(ChatMessage message, CancellationToken ct)
    {
        var actor = message.Actor;
        var allowed = bot.Value.AllowedTenantIds;
        if (!allowed.Any(t => string.Equals(t, actor.TenantId, StringComparison.OrdinalIgnoreCase)))
        {
            log.LogWarning("Case card command from a tenant that is not allowed");
            await ReplyAsync(message, WrongTenant, ct);
            return;
        }
        var b = board.Value;
        var channel = ChannelOf(message);
        var inCoordinators = channel is not null && string.Equals(channel, b.CoordinatorsChannelId, StringComparison.OrdinalIgnoreCase);
        var inPartners = channel is not null && string.Equals(channel, b.PartnersChannelId, StringComparison.OrdinalIgnoreCase);
        if (channel is null) { await ReplyAsync(message, NotAChannel, ct); return; }
        if (!inCoordinators && !inPartners) { await ReplyAsync(message, OtherChannel, ct); return; }

        var typed = message.Text.Length > Phrase.Length ? message.Text[Phrase.Length..].Trim() : "";
        if (!CaseReference.TryParse(typed, out var reference)) { await ReplyAsync(message, NoReference, ct); return; }
        var referenceText = reference.ToString();
        var caseId = await cases.FindCaseIdAsync(referenceText, ct);
        var found = caseId is null ? null : await cases.GetRowAsync(caseId, CaseRecord.Row, ct);
        if (found is null || CaseRecord.FromEntity(found).Stage == nameof(Escalation.Cases.CaseStage.Draft))
        {
            log.LogInformation("Case card asked for an unknown reference");
            await ReplyAsync(message, NotFound(referenceText), ct);
            return;
        }

        var now = clock.GetUtcNow();
        var who = actor.UserKey;
        var role = directory.MainRoleOf(who);
        if (!directory.HasAny(who, BoardMembers))
        {
            var refusal = cases.Begin(caseId!);
            refusal.Add(new CaseLogEntry(now, who, role, null, CaseActions.AccessRefused, "Case card: not a board member").ToEntity(caseId!));
            await refusal.CommitAsync(ct);
            log.LogInformation("Case card refused for lack of role");
            await ReplyAsync(message, Refused, ct);
            return;
        }
        teamsIds.Learn(who, actor.TeamsUserId);

        for (var attempt = 1; ; attempt++)
        {
            var caseRow = await cases.GetRowAsync(caseId!, CaseRecord.Row, ct);
            var partnersEntity = await cases.GetRowAsync(caseId!, PartnersRow.Row, ct);
            if (caseRow is null) { await ReplyAsync(message, NotFound(referenceText), ct); return; }
            var record = CaseRecord.FromEntity(caseRow);
            var partners = partnersEntity is null ? null : PartnersRow.FromEntity(partnersEntity);
            if (inPartners && !inCoordinators && partners is null)
            {
                await ReplyAsync(message, NotWithPartners(referenceText), ct);
                return;
            }

            // Guarded by the ETags of the rows the cards are built from: whatever changes them (a view, triage, the
            // decision, the agreed response) also updates the card, so it either lands before this post (and is
            // re-read here) or after it (and updates this post). Rewriting them unchanged makes that a real check.
            var tx = cases.Begin(caseId!);
            tx.Replace(Unchanged(caseRow), caseRow.ETag);
            if (partnersEntity is not null) tx.Replace(Unchanged(partnersEntity), partnersEntity.ETag);
            var shown = new List<string>();
            if (inPartners && partners is not null)
            {
                await RetireEarlierCopyAsync(tx, caseId!, PartnersCards.MessageKey, referenceText, now, ct);
                tx.Send(partnersCards.FirstPost(b.PartnersChannelId!, record, partners));
                shown.Add("partners' card in the statutory partners' channel");
            }
            if (inCoordinators)
            {
                var triage = await cases.GetRowAsync(caseId!, TriageFeature.Row, ct);
                var card = CoordinatorsCaseCard.For(record, triage, partners, b.CoordinatorsChannelId!);
                await RetireEarlierCopyAsync(tx, caseId!, card.Message.MessageKey!, referenceText, now, ct);
                tx.Send(card.Message);
                shown.Add(card.Words + " in the coordinators' channel");
            }
            tx.Add(new CaseLogEntry(now, who, role, directory.AgencyOf(who)?.Name, CaseCardActions.Shown,
                "Re-posted the " + string.Join(" and the ", shown)).ToEntity(caseId!));
            try
            {
                await tx.CommitAsync(ct);
            }
            catch (TableTransactionFailedException e) when (e.Status is 412 or 409 && attempt < MaxAttempts)
            {
                await Task.Delay(Random.Shared.Next(5, 30) * attempt, ct);
                continue;
            }
            log.LogInformation("Case card shown again ({Count} card(s))", shown.Count);
            var offerOwnView = inPartners && partners is { IsDecided: false };
            var what = inPartners && partners is not null ? "The statutory partners' card" : "The case's card";
            await replies.SendAsync(message.ConversationId,
                Replies.Card(CardShownAgainCard.Build(record.CaseId, referenceText, what, offerOwnView).ToJson()), ct);
            return;
        }
    }

    /// <summary>
    /// The earlier copy of a card stops being updated once it is posted again, so it is turned into a pointer to the
    /// new one first (the outbox sends a partition's messages in order, so the update reaches the old copy).
    /// </summary>
    private async Task RetireEarlierCopyAsync(PartitionTransaction tx, string caseId, string messageKey, string reference,
        DateTimeOffset now, CancellationToken ct)
    {
        if (await cases.GetRowAsync(caseId, OutboxRow.PostedKey(messageKey), ct) is null) return;
        tx.Send(new OutboundMessage(DeliveryTarget.UpdateOf(messageKey),
            Replies.Card(CardShownAgainCard.Moved(reference, DisplayDate.Of(now)).ToJson())));
    }

    /// <summary>The channel a message was typed in: Teams says so in channelData; a thread's id starts with the channel's.</summary>
    private static string? ChannelOf(ChatMessage message)
    {
        if (message.Activity.Conversation?.ConversationType != "channel") return null;
        return message.Activity.ChannelData?.Channel?.Id is { Length: > 0 } id
            ? id
            : ConversationReference.BaseConversationId(message.ConversationId);
    }

    /// <summary>A row exactly as read, to rewrite under its ETag (the service sets Timestamp and the ETag itself).</summary>
    private static TableEntity Unchanged(TableEntity row)
    {
        var copy = new TableEntity(row.PartitionKey, row.RowKey);
        foreach (var (k, v) in row)
            if (k is not ("PartitionKey" or "RowKey" or "Timestamp" or "odata.etag")) copy[k] = v;
        return copy;
    }

    private Task ReplyAsync(ChatMessage message, string text, CancellationToken ct) =>
        replies.SendAsync(message.ConversationId, Replies.Text(text), ct);
}

/// <summary>Case-log actions of the case card command (board's words; no typed text).</summary>
public static class CaseCardActions
{
    public const string Shown = "Case card shown again";
}
