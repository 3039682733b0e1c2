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
using TeamsSafeguarding.Escalation.Cases;
using TeamsSafeguarding.Meetings;

namespace TeamsSafeguarding.Triage;

/// <summary>
/// "@Safeguarding Bot case SAB-2026-0001" in a board channel: posts the case's current card again as a new message,
/// because channel cards get buried (and the Agents Playground forgets its messages when restarted as another person).
/// In the partners' channel it is the shared read-only partners' card; in the coordinators' channel the triage card or
/// decision notice for the case's stage (<see cref="CoordinatorsCaseCard"/>). The new post is stored under the same
/// message key as the original, so later in-place updates go to it. Board members only; the read is logged on the case.
/// </summary>
public sealed class CaseCardCommand(CaseCommands commands, CaseStore cases, BoardDirectory directory, PartnersCards partnersCards, MemberTeamsIds teamsIds,
    DeputyAbsenceStore absences, PartnersRoster roster, MeetingChannel meetings, Escalation.Process.ProcessProfile profile, IOptions<BoardOptions> board,
    IOptions<BotOptions> bot, Replies replies, ILogger<CaseCardCommand> log) : IBotFeature
{
    public const string Phrase = TeamsSafeguarding.Cards.Onboarding.Commands.Case;

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
        var absence = inCoordinators ? await absences.GetAsync(ct) : null;
        if (inPartners) await roster.RefreshAsync(ct);
        var who = actor.UserKey;
        teamsIds.Learn(who, actor.TeamsUserId);
        var reads = new List<string> { PartnersRow.Row, TriageRow.Row, OutboxRow.PostedKey(PartnersCards.MessageKey),
            OutboxRow.PostedKey(ReceivedReferralNotice.TriageCardKey), OutboxRow.PostedKey(DecisionEffects.NoticeKey),
            MeetingRow.Row, ActionsRow.Row, OutboxRow.PostedKey(MeetingRow.CardKey) };

        var answer = await commands.RunAsync(caseId, directory.ActorFor(who), reads, (file, writes) =>
        {
            var record = file.Case;
            if (record.Stage == Escalation.Cases.CaseStage.Draft) return Reply.Text(NotFound(referenceText));
            if (!directory.HasAny(who, BoardMembers)) return writes.Refuse("Case card: not a board member", Reply.Text(Refused));
            var partners = file.Row(PartnersRow.Row) is { } p ? PartnersRow.FromEntity(p) : null;
            if (inPartners && !inCoordinators && partners is null) return Reply.Text(NotWithPartners(referenceText));

            // Guarded by the rows the cards are built from: whatever changes them (a view, triage, the decision, the agreed
            // response) also updates the card, so it either lands before this post (and is read here) or after it (and
            // updates this post).
            writes.Guard(CaseRow.Row).Guard(PartnersRow.Row);
            var shown = new List<string>();
            if (inPartners && partners is not null)
            {
                RetireEarlierCopy(file, writes, PartnersCards.MessageKey, referenceText);
                writes.Send(partnersCards.FirstPost(b.PartnersChannelId!, record, partners));
                shown.Add("partners' card in the statutory partners' channel");
            }
            var meeting = file.Row(MeetingRow.Row) is { } m ? MeetingRow.FromEntity(record.CaseId, m) : null;
            if (inCoordinators && meeting is { Arrangement: not null, CardPosted: true } && record.Stage != CaseStage.MeetingRequired)
            {
                // Once the review meeting is arranged, its card is the case's card in the coordinators' channel.
                writes.Guard(MeetingRow.Row);
                RetireEarlierCopy(file, writes, MeetingRow.CardKey, referenceText);
                var actions = file.Row(ActionsRow.Row) is { } a ? ActionsRow.FromEntity(record.CaseId, a) : null;
                writes.Send(meetings.Repost(b.CoordinatorsChannelId!, record, meeting, actions, writes.Now));
                shown.Add("review meeting card in the coordinators' channel");
            }
            else if (inCoordinators)
            {
                var card = CoordinatorsCaseCard.For(record, file.Row(TriageRow.Row), partners, b.CoordinatorsChannelId!, absence, profile.UntriagedForwarding, writes.Now);
                RetireEarlierCopy(file, writes, card.Message.MessageKey!, referenceText);
                writes.Send(card.Message);
                shown.Add(card.Words + " in the coordinators' channel");
            }
            writes.Log(CaseActions.CaseCardShown, "Re-posted the " + string.Join(" and the ", shown));
            log.LogInformation("Case card shown again ({Count} card(s))", shown.Count);
            var what = inPartners && partners is not null ? "The statutory partners' card" : "The case's card";
            return Reply.Card(CardShownAgainCard.Build(record.CaseId, referenceText, what, inPartners && partners is { IsDecided: false }).ToJson());
        }, () => Reply.Text(NotFound(referenceText)), ct);

        if (answer.Words == NotFound(referenceText)) log.LogInformation("Case card asked for an unknown reference");
        await replies.SendAsync(message.ConversationId, answer.Activity, ct);
    }

    /// <summary>What the command answers in the thread: a text or a card.</summary>
    private sealed record Reply(Activity Activity, string? Words)
    {
        public static Reply Text(string text) => new(Replies.Text(text), text);
        public static Reply Card(System.Text.Json.Nodes.JsonObject card) => new(Replies.Card(card), null);
    }

    /// <summary>
    /// The earlier copy of a card stops being updated once it is posted again, so it is turned into a pointer to the
    /// new one first (the outbox sends a case's messages for one card in order, so the update reaches the old copy).
    /// </summary>
    private static void RetireEarlierCopy(CaseFile file, CaseWrites writes, string messageKey, string reference)
    {
        if (file.Row(OutboxRow.PostedKey(messageKey)) is null) return;
        writes.Send(new OutboundMessage(DeliveryTarget.UpdateOf(messageKey),
            Replies.Card(CardShownAgainCard.Moved(reference, DisplayDate.Of(writes.Now)).ToJson())));
    }

    /// <summary>The channel a message was typed in: Teams says so in channelData; a thread's id starts with the channel's.</summary>
    private static string? ChannelOf(ChatMessage message)
    {
        if (message.Activity.Conversation?.ConversationType != "channel") return null;
        return message.Activity.ChannelData?.Channel?.Id is { Length: > 0 } id
            ? id
            : ConversationReference.BaseConversationId(message.ConversationId);
    }

    private Task ReplyAsync(ChatMessage message, string text, CancellationToken ct) =>
        replies.SendAsync(message.ConversationId, Replies.Text(text), ct);
}
