using Azure.Data.Tables;
using Microsoft.Extensions.Time.Testing;
using TeamsSafeguarding.Conversations;
using TeamsSafeguarding.Outbox;
using TeamsSafeguarding.Storage;
using TeamsSafeguarding.Teams;
using TeamsSafeguarding.Teams.Connector;
using TeamsSafeguarding.Tests.Support;
using Xunit;

namespace TeamsSafeguarding.Tests.Outbox;

[Collection("Azurite")]
public sealed class OutboxTests(AzuriteFixture azurite)
{
    private const string ServiceUrl = "http://connector.test/";
    private readonly FakeTimeProvider _clock = new(new DateTimeOffset(2026, 11, 23, 9, 0, 0, TimeSpan.Zero));
    private readonly RecordingConnector _connector = new();

    private sealed record Rig(TableClient Table, Transactions Transactions, OutboxDispatcher Dispatcher);

    private async Task<Rig> RigAsync()
    {
        var table = azurite.NewTable("outbox");
        var store = new ConversationStore(table);
        await table.UpsertEntityAsync(new ConversationReference("chat-1", ServiceUrl, "t1", "personal", null, "bot", true).ToEntity());
        await table.UpsertEntityAsync(new ConversationReference("19:coord@thread.tacv2", ServiceUrl, "t1", "channel", "team", "bot", true).ToEntity());
        var signal = new OutboxSignal();
        return new Rig(table, new Transactions(table, signal, _clock), NewDispatcher(table));
    }

    private OutboxDispatcher NewDispatcher(TableClient table) => TestDispatcher.For(table, _connector, _clock);

    private static Activity Text(string text) => new() { Type = "message", Text = text };

    private static async Task<List<TableEntity>> RowsAsync(TableClient table, string prefix) =>
        await table.QueryAsync<TableEntity>(e => e.RowKey.CompareTo(prefix) >= 0 && e.RowKey.CompareTo(prefix + "~") < 0).ToListAsync();

    [Fact]
    public async Task A_state_change_and_its_message_commit_together_or_not_at_all()
    {
        var rig = await RigAsync();
        await rig.Table.AddEntityAsync(new TableEntity("p1", "state") { ["Value"] = 1 });

        // Adding a row that already exists fails the transaction: the message must not be queued either.
        var tx = rig.Transactions.Begin("p1").Add(new TableEntity("p1", "state") { ["Value"] = 2 })
            .Send(new OutboundMessage(DeliveryTarget.ToConversation("chat-1"), Text("should not be sent")));
        await Assert.ThrowsAsync<TableTransactionFailedException>(() => tx.CommitAsync(default));
        Assert.Empty(await RowsAsync(rig.Table, OutboxRow.Prefix));

        await rig.Transactions.Begin("p1").Add(new TableEntity("p1", "state2"))
            .Send(new OutboundMessage(DeliveryTarget.ToConversation("chat-1"), Text("sent"))).CommitAsync(default);
        Assert.Single(await RowsAsync(rig.Table, OutboxRow.Prefix));
    }

    [Fact]
    public async Task Messages_survive_a_restart_and_go_out_in_order_then_leave_the_outbox()
    {
        var rig = await RigAsync();
        var tx = rig.Transactions.Begin("case|1");
        for (var i = 1; i <= 3; i++)
        {
            tx.Send(new OutboundMessage(DeliveryTarget.ToConversation("chat-1"), Text($"m{i}")));
            _clock.Advance(TimeSpan.FromMilliseconds(1));
        }
        await tx.CommitAsync(default);

        // A dispatcher that did not exist at commit time (the process restarted) finds and sends them.
        var restarted = NewDispatcher(rig.Table);
        Assert.Equal(3, await restarted.DispatchOnceAsync(default));
        Assert.Equal(["m1", "m2", "m3"], _connector.Calls.Select(c => c.Activity!.Text));
        Assert.All(_connector.Calls, c => Assert.Equal(ServiceUrl, c.ServiceUrl));
        Assert.Empty(await RowsAsync(rig.Table, OutboxRow.Prefix));
        Assert.Equal(0, await rig.Dispatcher.DispatchOnceAsync(default));
    }

    [Fact]
    public async Task Messages_queued_in_one_transaction_at_the_same_instant_go_out_in_the_order_queued()
    {
        // The clock does not move: only the position in the transaction can keep them in order.
        var rig = await RigAsync();
        var tx = rig.Transactions.Begin("case|same-instant");
        var texts = Enumerable.Range(1, 12).Select(i => $"m{i}").ToArray();
        foreach (var text in texts) tx.Send(new OutboundMessage(DeliveryTarget.ToConversation("chat-1"), Text(text)));
        await tx.CommitAsync(default);

        Assert.Equal(12, await rig.Dispatcher.DispatchOnceAsync(default));
        Assert.Equal(texts, _connector.Calls.Select(c => c.Activity!.Text));
    }

    [Fact]
    public async Task A_cards_updates_queued_by_separate_commits_in_one_instant_end_on_the_last_one()
    {
        // The clock does not move and each update is its own commit (as the case's commands take turns): only the card's
        // newest state is sent, so the queue's order, not the keys' guids, must say which is newest. Eight cards, so a
        // guid order would get some of them wrong.
        var rig = await RigAsync();
        for (var card = 0; card < 8; card++)
        {
            await rig.Transactions.Begin("case|4")
                .Send(new OutboundMessage(DeliveryTarget.ToChannel("19:coord@thread.tacv2"), Text($"card {card} v1"), MessageKey: $"card-{card}"))
                .CommitAsync(default);
            foreach (var version in new[] { 2, 3 })
                await rig.Transactions.Begin("case|4")
                    .Send(new OutboundMessage(DeliveryTarget.UpdateOf($"card-{card}"), Text($"card {card} v{version}")))
                    .CommitAsync(default);
        }

        await rig.Dispatcher.DispatchOnceAsync(default);

        var updates = _connector.Calls.Where(c => c.Op == "update").ToList();
        for (var card = 0; card < 8; card++)
            Assert.Equal($"card {card} v3", updates.Last(c => c.Activity!.Text!.StartsWith($"card {card} ", StringComparison.Ordinal)).Activity!.Text);
    }

    [Fact]
    public void QueueOrder_never_goes_back_or_repeats_whatever_the_clock_says()
    {
        var order = new QueueOrder();
        var t = new DateTimeOffset(2026, 11, 30, 9, 0, 0, TimeSpan.Zero);
        var instants = new[] { t, t, t.AddTicks(1), t.AddSeconds(-5), t.AddSeconds(1) }.Select(order.Next).ToList();
        Assert.Equal(instants.OrderBy(i => i), instants);
        Assert.Equal(instants.Count, instants.Distinct().Count());
        Assert.Equal(t.AddSeconds(1), instants[^1]); // a clock ahead is used as it is
    }

    [Fact]
    public async Task A_channel_post_is_remembered_so_a_later_update_replaces_it()
    {
        var rig = await RigAsync();
        await rig.Transactions.Begin("case|2")
            .Send(new OutboundMessage(DeliveryTarget.ToChannel("19:coord@thread.tacv2"), Text("card v1"), MessageKey: "triage-card"))
            .CommitAsync(default);
        await rig.Dispatcher.DispatchOnceAsync(default);
        await rig.Transactions.Begin("case|2")
            .Send(new OutboundMessage(DeliveryTarget.UpdateOf("triage-card"), Text("card v2")))
            .CommitAsync(default);
        await rig.Dispatcher.DispatchOnceAsync(default);

        var calls = _connector.Calls.ToList();
        Assert.Equal("create", calls[0].Op);
        Assert.Equal("update", calls[1].Op);
        Assert.Equal(calls[0].ConversationId, calls[1].ConversationId);
        Assert.Equal(calls[0].ActivityId, calls[1].ActivityId);
        Assert.Equal("card v2", calls[1].Activity!.Text);
    }

    [Fact]
    public async Task An_update_queued_in_the_same_instant_as_its_post_is_sent_by_the_dispatcher_still_holding_the_case()
    {
        // The clock stands still (or another instance's clock is behind), so the update's row key may sort before its
        // post's (they differ only by a guid): the dispatcher, still holding the case since the post, must not take the
        // update for an older state of the card. Several cards, so both orders of the keys occur.
        var rig = await RigAsync();
        var signal = new OutboxSignal();
        var dispatcher = TestDispatcher.For(rig.Table, _connector, _clock, signal: signal);
        var transactions = new Transactions(rig.Table, signal, _clock);
        try
        {
            for (var card = 0; card < 8; card++)
            {
                await transactions.Begin("case|3")
                    .Send(new OutboundMessage(DeliveryTarget.ToChannel("19:coord@thread.tacv2"), Text($"card {card} v1"), MessageKey: $"card-{card}"))
                    .CommitAsync(default);
                await UntilAsync(() => _connector.Calls.Any(c => c.Activity?.Text == $"card {card} v1"));
                await transactions.Begin("case|3")
                    .Send(new OutboundMessage(DeliveryTarget.UpdateOf($"card-{card}"), Text($"card {card} v2")))
                    .CommitAsync(default);
                await UntilAsync(() => _connector.Calls.Any(c => c.Op == "update" && c.Activity?.Text == $"card {card} v2"));
            }
            Assert.Empty(await RowsAsync(rig.Table, OutboxRow.FailedPrefix));
        }
        finally
        {
            await dispatcher.StopAsync(default);
        }
    }

    /// <summary>A generous wait (the dispatcher sends in the background) that ends as soon as <paramref name="done"/> holds.</summary>
    private static async Task UntilAsync(Func<bool> done)
    {
        var until = DateTime.UtcNow + TimeSpan.FromSeconds(30);
        while (!done())
        {
            if (DateTime.UtcNow > until) throw new TimeoutException("The message was not sent within 30 s.");
            await Task.Delay(20);
        }
    }

    [Fact]
    public async Task A_throttled_message_is_retried_after_backoff_and_holds_back_later_ones()
    {
        var rig = await RigAsync();
        _connector.Failures.Enqueue(new ConnectorException(429, "Throttled", "slow down"));
        var tx = rig.Transactions.Begin("case|3");
        tx.Send(new OutboundMessage(DeliveryTarget.ToConversation("chat-1"), Text("first")));
        _clock.Advance(TimeSpan.FromMilliseconds(1));
        tx.Send(new OutboundMessage(DeliveryTarget.ToConversation("chat-1"), Text("second")));
        await tx.CommitAsync(default);

        Assert.Equal(0, await rig.Dispatcher.DispatchOnceAsync(default));
        Assert.Empty(_connector.Calls);
        var pending = await RowsAsync(rig.Table, OutboxRow.Prefix);
        Assert.Equal(1, pending.OrderBy(p => p.RowKey).First().GetInt32("Attempts"));

        _clock.Advance(rig.Dispatcher.BackoffAfter(1) - TimeSpan.FromSeconds(1));
        Assert.Equal(0, await rig.Dispatcher.DispatchOnceAsync(default)); // not yet due

        _clock.Advance(TimeSpan.FromSeconds(2));
        Assert.Equal(2, await rig.Dispatcher.DispatchOnceAsync(default));
        Assert.Equal(["first", "second"], _connector.Calls.Select(c => c.Activity!.Text));
    }

    [Fact]
    public async Task A_message_waiting_for_a_retry_holds_back_only_its_own_conversation_and_card()
    {
        var rig = await RigAsync();
        await rig.Table.UpsertEntityAsync(new ConversationReference("chat-2", ServiceUrl, "t1", "personal", null, "bot", true).ToEntity());
        _connector.Failures.Enqueue(new ConnectorException(500, "ServiceError", "try later"));   // the channel card's post
        _connector.Failures.Enqueue(new ConnectorException(503, "ServiceUnavailable", "busy"));  // the first chat message
        var tx = rig.Transactions.Begin("case|lanes");
        tx.Send(new OutboundMessage(DeliveryTarget.ToChannel("19:coord@thread.tacv2"), Text("card v1"), MessageKey: "partners-card"));
        tx.Send(new OutboundMessage(DeliveryTarget.ToConversation("chat-1"), Text("chat-1 first")));
        tx.Send(new OutboundMessage(DeliveryTarget.UpdateOf("partners-card"), Text("card v2")));
        tx.Send(new OutboundMessage(DeliveryTarget.ToConversation("chat-1"), Text("chat-1 second")));
        tx.Send(new OutboundMessage(DeliveryTarget.ToConversation("chat-2"), Text("chat-2 reminder")));
        await tx.CommitAsync(default);

        // Only chat-2 has nothing waiting ahead of it.
        Assert.Equal(1, await rig.Dispatcher.DispatchOnceAsync(default));
        Assert.Equal(["chat-2 reminder"], _connector.Calls.Select(c => c.Activity!.Text));

        _clock.Advance(rig.Dispatcher.BackoffAfter(1) + TimeSpan.FromSeconds(1));
        Assert.Equal(4, await rig.Dispatcher.DispatchOnceAsync(default));
        var sent = _connector.Calls.Select(c => (c.Op, c.Activity!.Text)).ToList();
        // Each lane kept its order: the post before its update, chat-1's messages in turn.
        Assert.True(sent.IndexOf(("create", "card v1")) < sent.IndexOf(("update", "card v2")), string.Join(", ", sent));
        Assert.True(sent.IndexOf(("send", "chat-1 first")) < sent.IndexOf(("send", "chat-1 second")), string.Join(", ", sent));
        Assert.Empty(await RowsAsync(rig.Table, OutboxRow.Prefix));
    }

    [Fact]
    public async Task A_message_to_someone_who_blocked_the_bot_is_recorded_as_failed_and_the_rest_still_go()
    {
        var rig = await RigAsync();
        _connector.Failures.Enqueue(new ConnectorException(403, "ConversationBlockedByUser", "blocked"));
        var tx = rig.Transactions.Begin("case|4");
        tx.Send(new OutboundMessage(DeliveryTarget.ToConversation("chat-1"), Text("blocked one")));
        _clock.Advance(TimeSpan.FromMilliseconds(1));
        tx.Send(new OutboundMessage(DeliveryTarget.ToConversation("chat-1"), Text("next one")));
        await tx.CommitAsync(default);

        Assert.Equal(1, await rig.Dispatcher.DispatchOnceAsync(default));
        var failed = Assert.Single(await RowsAsync(rig.Table, OutboxRow.FailedPrefix));
        Assert.Equal("403 ConversationBlockedByUser", failed.GetString("Reason"));
        Assert.Empty(await RowsAsync(rig.Table, OutboxRow.Prefix));
        Assert.Equal(["next one"], _connector.Calls.Select(c => c.Activity!.Text));
    }

    [Fact]
    public async Task Retries_are_bounded()
    {
        var rig = await RigAsync();
        var max = new OutboxOptions().MaxAttempts;
        for (var i = 0; i < max; i++) _connector.Failures.Enqueue(new ConnectorException(503, null, "down"));
        await rig.Transactions.Begin("case|5").Send(new OutboundMessage(DeliveryTarget.ToConversation("chat-1"), Text("x"))).CommitAsync(default);

        for (var i = 0; i < max; i++)
        {
            await rig.Dispatcher.DispatchOnceAsync(default);
            _clock.Advance(new OutboxOptions().MaxBackoff + TimeSpan.FromSeconds(1));
        }
        var failed = Assert.Single(await RowsAsync(rig.Table, OutboxRow.FailedPrefix));
        Assert.Equal(max, failed.GetInt32("Attempts"));
        Assert.Empty(_connector.Calls);
    }

    [Fact]
    public async Task Two_dispatchers_at_once_send_each_message_once()
    {
        var rig = await RigAsync();
        var tx = rig.Transactions.Begin("case|6");
        for (var i = 0; i < 10; i++)
        {
            tx.Send(new OutboundMessage(DeliveryTarget.ToConversation("chat-1"), Text($"m{i}")));
            _clock.Advance(TimeSpan.FromMilliseconds(1));
        }
        await tx.CommitAsync(default);
        var other = NewDispatcher(rig.Table);

        for (var round = 0; round < 5; round++)
        {
            await Task.WhenAll(rig.Dispatcher.DispatchOnceAsync(default), other.DispatchOnceAsync(default));
            _clock.Advance(TimeSpan.FromMinutes(5)); // leases of a stalled pass expire
        }
        Assert.Equal(10, _connector.Calls.Count);
        Assert.Equal(10, _connector.Calls.Select(c => c.Activity!.Text).Distinct().Count());
    }

    [Fact]
    public async Task A_message_for_a_person_without_a_chat_opens_one()
    {
        var rig = await RigAsync();
        await new ConversationStore(rig.Table).RememberServiceUrlAsync("t1", ServiceUrl, default);
        await rig.Transactions.Begin("case|7").Send(new OutboundMessage(DeliveryTarget.ToUser("aad-user-9"), Text("hello"))).CommitAsync(default);

        Assert.Equal(1, await rig.Dispatcher.DispatchOnceAsync(default));
        var calls = _connector.Calls.ToList();
        Assert.Equal("create", calls[0].Op);
        Assert.Equal("send", calls[1].Op);
        var (chat, _) = await new ConversationStore(rig.Table).FindPersonalChatAsync("aad-user-9", default);
        Assert.Equal(calls[1].ConversationId, chat!.ConversationId);
    }
}
