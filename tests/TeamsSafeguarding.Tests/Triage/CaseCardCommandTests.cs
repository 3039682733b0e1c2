using System.Text.Json.Nodes;
using Azure.Data.Tables;
using TeamsSafeguarding.Escalation.Cases;
using TeamsSafeguarding.Board;
using TeamsSafeguarding.Cards.Partners;
using TeamsSafeguarding.Cards.Triage;
using TeamsSafeguarding.Cases;
using TeamsSafeguarding.Conversations;
using TeamsSafeguarding.Outbox;
using TeamsSafeguarding.Partners;
using TeamsSafeguarding.Routing;
using TeamsSafeguarding.Storage;
using TeamsSafeguarding.Teams;
using TeamsSafeguarding.Tests.Cards;
using TeamsSafeguarding.Tests.Outbox;
using TeamsSafeguarding.Tests.Support;
using TeamsSafeguarding.Triage;
using Xunit;

namespace TeamsSafeguarding.Tests.Triage;

/// <summary>"case SAB-2026-0001" in a board channel: the case's card posted again, and later updates going to that copy.</summary>
[Collection("Azurite")]
public sealed class CaseCardCommandTests
{
    private const string Tenant = BoardHarness.Tenant;
    private const string ServiceUrl = "http://connector.test/";
    private const string Reference = "SAB-2026-0001";
    private static readonly string PartnersThread = BoardHarness.PartnersChannel + ";messageid=500";
    private static readonly string CoordinatorsThread = BoardHarness.CoordinatorsChannel + ";messageid=600";

    private readonly BoardHarness _board;
    private readonly RecordingConnector _connector = new();
    private readonly OutboxDispatcher _dispatcher;

    public CaseCardCommandTests(AzuriteFixture azurite)
    {
        _board = new BoardHarness(azurite.NewTable("casecard"));
        _dispatcher = TestDispatcher.For(_board.Table, _connector, _board.Clock, _board.Conversations);
    }

    private async Task<Case> ReceivedAsync()
    {
        foreach (var channel in new[] { BoardHarness.CoordinatorsChannel, BoardHarness.PartnersChannel })
            await _board.Table.UpsertEntityAsync(new ConversationReference(channel, ServiceUrl, Tenant, "channel", "team", "bot", true).ToEntity());
        var record = await _board.SeedReceivedAsync();
        Assert.True(await _board.Cases.ClaimReferenceAsync(Reference, record.CaseId, default));
        return record;
    }

    private async Task<Case> WithPartnersAsync()
    {
        var record = await ReceivedAsync();
        await _board.ClickAsync(BoardHarness.Dbm, TriageVerbs.Send, BoardHarness.AllChecks("Met", record.CaseId));
        await _dispatcher.DispatchOnceAsync(default);
        return record;
    }

    /// <summary>Types in a conversation as the person; returns the replies queued for that conversation.</summary>
    private async Task<IReadOnlyList<OutboundMessage>> TypeAsync(string who, string text, string conversationId,
        string conversationType = "channel", string tenant = Tenant)
    {
        var activity = new Activity
        {
            Type = ActivityTypes.Message, Text = text,
            Conversation = new ConversationAccount { Id = conversationId, ConversationType = conversationType },
        };
        var handler = _board.Routes.FindCommand(text) ?? throw new InvalidOperationException($"No command for {text}");
        await handler(new ChatMessage(activity, new Actor(who, who, null, tenant), text), default);
        var partition = ConversationReference.PartitionOf(ConversationReference.BaseConversationId(conversationId));
        var rows = _board.Table.QueryAsync<TableEntity>(e => e.PartitionKey == partition && e.RowKey.CompareTo(OutboxRow.Prefix) >= 0 && e.RowKey.CompareTo("outbox}") < 0);
        var messages = new List<OutboundMessage>();
        await foreach (var row in rows) messages.Add(OutboxRow.Read(row));
        return messages.Where(m => m.Target.Id == conversationId).ToList();
    }

    private async Task<IReadOnlyList<CaseLogEntry>> LogAsync(string caseId, string action) =>
        (await _board.Cases.GetLogAsync(caseId, default)).Where(e => e.Action == action).ToList();

    private (string Op, string ConversationId, string? ActivityId, JsonObject Card)[] CallsSince(int count) =>
        _connector.Calls.Skip(count).Select(c => (c.Op, c.ConversationId, c.ActivityId, (JsonObject)c.Activity!.Attachments![0].Content!)).ToArray();

    [Fact]
    public async Task In_the_partners_channel_the_partners_card_comes_back_and_later_views_update_that_copy()
    {
        var record = await WithPartnersAsync();
        var original = Assert.Single(_connector.Calls, c => c.Op == "create" && c.ConversationId.StartsWith(BoardHarness.PartnersChannel));

        // @mention removed by the router; references are read as people type them.
        var reply = Assert.Single(await TypeAsync("la-1", "case sab-2026-1", PartnersThread));
        var replyCard = BoardHarness.CardOf(reply);
        CardSchema.AssertValid(replyCard);
        Assert.Contains(Reference, replyCard.ToJsonString());
        Assert.Contains(PartnersVerbs.Refresh, replyCard.ToJsonString()); // the way to one's own view where refresh is not automatic

        var queued = await _board.OutboxAsync(record.CaseId);
        Assert.Equal(2, queued.Count);
        // First the buried copy is turned into a pointer (it will no longer be updated), then the new copy is posted.
        var retire = queued[0];
        Assert.Equal(DeliveryTarget.UpdateOf(PartnersCards.MessageKey), retire.Target);
        var retired = BoardHarness.CardOf(retire);
        CardSchema.AssertValid(retired);
        Assert.Contains("posted again", retired.ToJsonString());
        Assert.DoesNotContain("Views given", retired.ToJsonString());
        var repost = queued[1];
        Assert.Equal(DeliveryTarget.ToChannel(BoardHarness.PartnersChannel), repost.Target);
        Assert.Equal(PartnersCards.MessageKey, repost.MessageKey);
        var card = BoardHarness.CardOf(repost);
        CardSchema.AssertValid(card);
        var json = card.ToJsonString();
        Assert.Contains($"Referral {Reference}: statutory partners", json);
        Assert.Contains("Views given", json);
        Assert.DoesNotContain(PartnersVerbs.GiveView, json); // the shared card is the read-only one

        var shown = Assert.Single(await LogAsync(record.CaseId, CaseActions.CaseCardShown));
        Assert.Equal("la-1", shown.ActorKey);
        Assert.Equal("Local authority", shown.ActorAgency);
        Assert.Equal(_board.Clock.GetUtcNow(), shown.At);

        var before = _connector.Calls.Count;
        await _dispatcher.DispatchOnceAsync(default);
        var sent = CallsSince(before).Where(c => c.ConversationId.StartsWith(BoardHarness.PartnersChannel) && c.Op != "send").ToArray();
        Assert.Equal(["update", "create"], sent.Select(c => c.Op));
        Assert.Equal(original.ActivityId, sent[0].ActivityId);
        var reposted = sent[1];
        Assert.NotEqual(original.ActivityId, reposted.ActivityId);

        // A view given afterwards updates the copy just posted, not the buried original.
        before = _connector.Calls.Count;
        await _board.ClickAsync("police-1", PartnersVerbs.GiveView,
            new JsonObject { ["caseId"] = record.CaseId, ["choice"] = "NoMeeting", ["rationale"] = "Known to us; single-agency work is enough." });
        await _dispatcher.DispatchOnceAsync(default);
        var update = Assert.Single(CallsSince(before), c => c.Op == "update");
        Assert.Equal(reposted.ActivityId, update.ActivityId);
        Assert.Equal(reposted.ConversationId, update.ConversationId);
        Assert.Contains("Views given", update.Card.ToJsonString());
        Assert.Contains("1 of 3", update.Card.ToJsonString());
    }

    [Fact]
    public async Task In_the_coordinators_channel_a_case_waiting_for_triage_gets_the_triage_card_whose_outcome_updates_it()
    {
        var record = await ReceivedAsync();
        var reply = Assert.Single(await TypeAsync(BoardHarness.Coordinator, "case " + Reference, CoordinatorsThread));
        Assert.DoesNotContain(PartnersVerbs.Refresh, BoardHarness.CardOf(reply).ToJsonString());

        var repost = Assert.Single(await _board.OutboxAsync(record.CaseId));
        Assert.Equal(DeliveryTarget.ToChannel(BoardHarness.CoordinatorsChannel), repost.Target);
        Assert.Equal(ReceivedReferralNotice.TriageCardKey, repost.MessageKey);
        var card = BoardHarness.CardOf(repost);
        CardSchema.AssertValid(card);
        Assert.Contains(TriageVerbs.Send, card.ToJsonString());
        Assert.Equal(BoardHarness.Coordinator, Assert.Single(await LogAsync(record.CaseId, CaseActions.CaseCardShown)).ActorKey);

        await _dispatcher.DispatchOnceAsync(default);
        var posted = Assert.Single(_connector.Calls, c => c.Op == "create");
        var before = _connector.Calls.Count;
        await _board.ClickAsync(BoardHarness.Dbm, TriageVerbs.Send, BoardHarness.AllChecks("Met", record.CaseId));
        await _dispatcher.DispatchOnceAsync(default);
        var update = Assert.Single(CallsSince(before), c => c.Op == "update");
        Assert.Equal(posted.ActivityId, update.ActivityId);
        Assert.Contains("Sent to statutory partners", update.Card.ToJsonString());
    }

    [Fact]
    public async Task After_the_decision_coordinators_get_the_notice_with_its_button_and_then_the_triage_outcome_is_not_shown()
    {
        var record = await WithPartnersAsync();
        var afterTriage = await TypeAsync(BoardHarness.Dbm, "case " + Reference, CoordinatorsThread);
        Assert.Single(afterTriage);
        var outcome = Assert.Single(await _board.OutboxAsync(record.CaseId));
        Assert.Equal(ReceivedReferralNotice.TriageCardKey, outcome.MessageKey);
        Assert.Contains("Sent to statutory partners", BoardHarness.CardOf(outcome).ToJsonString());
        Assert.DoesNotContain(TriageVerbs.Send, BoardHarness.CardOf(outcome).ToJsonString());
        await _dispatcher.DispatchOnceAsync(default);

        foreach (var member in new[] { "la-1", "police-1" })
            await _board.ClickAsync(member, PartnersVerbs.GiveView, new JsonObject { ["caseId"] = record.CaseId, ["choice"] = "NoMeeting", ["rationale"] = "No meeting needed." });
        await _dispatcher.DispatchOnceAsync(default);

        await TypeAsync(BoardHarness.Coordinator, "case " + Reference, CoordinatorsThread);
        var queued = await _board.OutboxAsync(record.CaseId);
        Assert.Equal(2, queued.Count);
        Assert.Equal(DeliveryTarget.UpdateOf(DecisionEffects.NoticeKey), queued[0].Target); // the earlier notice points to the new one
        Assert.DoesNotContain(PartnersVerbs.OpenResponse, BoardHarness.CardOf(queued[0]).ToJsonString());
        var notice = queued[1];
        Assert.Equal(DecisionEffects.NoticeKey, notice.MessageKey);
        var json = BoardHarness.CardOf(notice).ToJsonString();
        CardSchema.AssertValid(BoardHarness.CardOf(notice));
        Assert.Contains("No meeting (email review", json);
        Assert.Contains(PartnersVerbs.OpenResponse, json);

        // The agreed response then updates the re-posted notice.
        await _dispatcher.DispatchOnceAsync(default);
        var posted = _connector.Calls.Last(c => c.Op == "create");
        var before = _connector.Calls.Count;
        await _board.ClickAsync(BoardHarness.Coordinator, PartnersVerbs.RecordResponse, new JsonObject
        {
            ["caseId"] = record.CaseId, ["responseRationale"] = "Agreed by email.",
            ["actions[0].description"] = "Review support plan", ["actions[0].owner"] = "Local authority", ["actions[0].due"] = "2026-04-01",
        });
        await _dispatcher.DispatchOnceAsync(default);
        var update = Assert.Single(CallsSince(before), c => c.Op == "update");
        Assert.Equal(posted.ActivityId, update.ActivityId);
        Assert.Contains("Case closed", update.Card.ToJsonString());
    }

    [Fact]
    public async Task People_without_a_board_role_are_refused_politely_and_it_is_logged_on_the_case()
    {
        var record = await WithPartnersAsync();
        var reply = Assert.Single(await TypeAsync(BoardHarness.Outsider, "case " + Reference, PartnersThread));
        Assert.Equal(CaseCardCommand.Refused, reply.Activity.Text);
        Assert.Empty(await _board.OutboxAsync(record.CaseId));
        var refused = Assert.Single(await LogAsync(record.CaseId, CaseActions.AccessRefused));
        Assert.Equal(BoardHarness.Outsider, refused.ActorKey);
        Assert.Empty(await LogAsync(record.CaseId, CaseActions.CaseCardShown));
    }

    [Fact]
    public async Task Unknown_or_missing_references_and_the_wrong_place_get_a_friendly_answer()
    {
        var record = await ReceivedAsync();
        Assert.Equal(CaseCardCommand.NotFound("SAB-2026-0099"), Assert.Single(await TypeAsync(BoardHarness.Coordinator, "case SAB-2026-0099", CoordinatorsThread)).Activity.Text);
        Assert.Equal(CaseCardCommand.NoReference, Assert.Single(await TypeAsync(BoardHarness.Coordinator, "case please", BoardHarness.CoordinatorsChannel + ";messageid=601")).Activity.Text);
        Assert.Equal(CaseCardCommand.NotAChannel, Assert.Single(await TypeAsync(BoardHarness.Coordinator, "case " + Reference, "a:personal-1", "personal")).Activity.Text);
        Assert.Equal(CaseCardCommand.OtherChannel, Assert.Single(await TypeAsync(BoardHarness.Coordinator, "case " + Reference, "19:other@thread.tacv2;messageid=1")).Activity.Text);
        Assert.Equal(CaseCardCommand.NotWithPartners(Reference), Assert.Single(await TypeAsync("la-1", "case " + Reference, PartnersThread)).Activity.Text);
        Assert.Equal(CaseCardCommand.WrongTenant, Assert.Single(await TypeAsync(BoardHarness.Coordinator, "case " + Reference, BoardHarness.CoordinatorsChannel + ";messageid=602", tenant: "elsewhere")).Activity.Text);
        Assert.Empty(await _board.OutboxAsync(record.CaseId));
        Assert.Empty(await LogAsync(record.CaseId, CaseActions.CaseCardShown));
    }
}
