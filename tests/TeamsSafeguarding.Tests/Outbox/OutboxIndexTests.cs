using Azure.Data.Tables;
using Microsoft.Extensions.Time.Testing;
using TeamsSafeguarding.Conversations;
using TeamsSafeguarding.Outbox;
using TeamsSafeguarding.Storage;
using TeamsSafeguarding.Teams;
using TeamsSafeguarding.Tests.Endpoint;
using TeamsSafeguarding.Tests.Support;
using Xunit;

namespace TeamsSafeguarding.Tests.Outbox;

/// <summary>
/// The outbox without a scan: what an instance commits is handed to its dispatcher in process; anything else is found
/// through the index of partitions with messages waiting, held by one instance at a time; a card's older states are
/// never sent once a newer one is waiting; partitions go out side by side.
/// </summary>
[Collection("Azurite")]
public sealed class OutboxIndexTests(AzuriteFixture azurite)
{
    private const string ServiceUrl = "http://connector.test/";
    private const string Channel = "19:partners@thread.tacv2";
    private static readonly TimeSpan Wait = TimeSpan.FromSeconds(60);
    private readonly FakeTimeProvider _clock = new(new DateTimeOffset(2026, 11, 23, 9, 0, 0, TimeSpan.Zero));
    private readonly RecordingConnector _connector = new();

    private static Activity Text(string text) => new() { Type = "message", Text = text };

    private async Task<TableClient> TableAsync(TableClient table)
    {
        await table.UpsertEntityAsync(new ConversationReference("chat-1", ServiceUrl, "t1", "personal", null, "bot", true).ToEntity());
        await table.UpsertEntityAsync(new ConversationReference(Channel, ServiceUrl, "t1", "channel", "team", "bot", true).ToEntity());
        return table;
    }

    private OutboxDispatcher Dispatcher(TableClient table, OutboxSignal? signal = null, OutboxOptions? options = null) =>
        TestDispatcher.For(table, _connector, _clock, outbox: options, signal: signal);

    private static async Task<List<TableEntity>> RowsAsync(TableClient table, string prefix) =>
        await table.QueryAsync<TableEntity>(e => e.RowKey.CompareTo(prefix) >= 0 && e.RowKey.CompareTo(prefix + "~") < 0).ToListAsync();

    private static async Task<List<TableEntity>> MarksAsync(TableClient table) =>
        await table.QueryAsync<TableEntity>(e => e.PartitionKey == OutboxIndex.Partition).ToListAsync();

    private static async Task EventuallyAsync(Func<Task<bool>> done, string what)
    {
        var until = DateTime.UtcNow + Wait;
        while (!await done())
        {
            if (DateTime.UtcNow > until) throw new TimeoutException(what);
            await Task.Delay(25);
        }
    }

    [Fact]
    public async Task What_an_instance_commits_is_handed_to_its_dispatcher_and_sent_without_reading_the_outbox_back()
    {
        var name = azurite.NewTableName("handoff");
        var counting = new CountingTable(azurite.ConnectionString, name);
        var table = await TableAsync(counting.Client);
        var look = new TableClient(azurite.ConnectionString, name); // the test's own reads, not counted
        var signal = new OutboxSignal();
        _ = Dispatcher(table, signal, new OutboxOptions { Linger = TimeSpan.FromMilliseconds(50) }); // never started: it makes no pass
        counting.Reset();

        await new Transactions(table, signal, _clock).Begin("case|mine").Add(new TableEntity("case|mine", "state"))
            .Send(new OutboundMessage(DeliveryTarget.ToConversation("chat-1"), Text("at once"))).CommitAsync(default);

        await EventuallyAsync(() => Task.FromResult(_connector.Calls.Count == 1), "the message was not sent");
        await EventuallyAsync(async () => (await MarksAsync(look)).Count == 0, "the index still marks the partition");
        Assert.Empty(await RowsAsync(look, OutboxRow.Prefix));
        // Marked, committed, sent, its row and its mark removed: no query, and nothing of the case read back.
        var requests = string.Join("\n", counting.Requests);
        Assert.False(requests.Contains("$filter", StringComparison.Ordinal), requests);
        Assert.DoesNotContain(counting.Requests, r => r.StartsWith("GET", StringComparison.Ordinal) && r.Contains("case|mine", StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_pass_reads_the_index_not_the_table()
    {
        var counting = new CountingTable(azurite.ConnectionString, azurite.NewTableName("passcost"));
        var table = await TableAsync(counting.Client);
        for (var i = 0; i < 30; i++)
            await table.AddEntityAsync(new TableEntity($"case|quiet{i}", "case") { ["Stage"] = "WithPartners" });
        await new Transactions(table, new OutboxSignal(), _clock).Begin("case|busy")
            .Send(new OutboundMessage(DeliveryTarget.ToConversation("chat-1"), Text("found"))).CommitAsync(default);
        counting.Reset();

        Assert.Equal(1, await Dispatcher(table).DispatchOnceAsync(default));

        var queries = counting.Requests.Where(r => r.Contains("$filter", StringComparison.Ordinal)).ToList();
        Assert.Equal(2, queries.Count); // the index, then the one partition it names
        Assert.Contains($"PartitionKey eq '{OutboxIndex.Partition}'", queries[0]);
        Assert.Contains("PartitionKey eq 'case|busy'", queries[1]);
        Assert.DoesNotContain(counting.Requests, r => r.Contains("quiet", StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_partition_held_by_an_instance_that_stopped_is_taken_over_once_its_lease_has_run_out()
    {
        var table = await TableAsync(azurite.NewTable("takeover"));
        await new Transactions(table, new OutboxSignal(), _clock).Begin("case|orphan")
            .Send(new OutboundMessage(DeliveryTarget.ToConversation("chat-1"), Text("left behind"))).CommitAsync(default);
        var index = new OutboxIndex(table);
        var mark = Assert.Single(await index.ListAsync(default));
        Assert.NotNull(await index.TryHoldAsync(mark, "an instance that died", _clock.GetUtcNow() + new OutboxOptions().Lease, _clock.GetUtcNow(), default));

        var other = Dispatcher(table);
        Assert.Equal(0, await other.DispatchOnceAsync(default));
        Assert.Empty(_connector.Calls);

        _clock.Advance(new OutboxOptions().Lease + TimeSpan.FromSeconds(1));
        Assert.Equal(1, await other.DispatchOnceAsync(default));
        Assert.Equal(["left behind"], _connector.Calls.Select(c => c.Activity!.Text));
    }

    [Fact]
    public async Task Only_the_newest_state_of_a_card_is_put_and_its_older_updates_are_dropped()
    {
        var table = await TableAsync(azurite.NewTable("coalesce"));
        var transactions = new Transactions(table, new OutboxSignal(), _clock);
        var dispatcher = Dispatcher(table);
        await transactions.Begin("case|card")
            .Send(new OutboundMessage(DeliveryTarget.ToChannel(Channel), Text("card v1"), MessageKey: "partners-card")).CommitAsync(default);
        await dispatcher.DispatchOnceAsync(default);
        for (var v = 2; v <= 6; v++)
        {
            _clock.Advance(TimeSpan.FromMilliseconds(1));
            await transactions.Begin("case|card")
                .Send(new OutboundMessage(DeliveryTarget.UpdateOf("partners-card"), Text($"card v{v}"))).CommitAsync(default);
        }

        Assert.Equal(1, await dispatcher.DispatchOnceAsync(default));

        Assert.Equal([("create", "card v1"), ("update", "card v6")], _connector.Calls.Select(c => (c.Op, c.Activity!.Text)));
        Assert.Empty(await RowsAsync(table, OutboxRow.Prefix));
    }

    [Fact]
    public async Task An_update_queued_before_a_new_post_of_the_card_still_goes_to_the_old_copy()
    {
        var table = await TableAsync(azurite.NewTable("repost"));
        var transactions = new Transactions(table, new OutboxSignal(), _clock);
        var dispatcher = Dispatcher(table);
        await transactions.Begin("case|repost")
            .Send(new OutboundMessage(DeliveryTarget.ToChannel(Channel), Text("first copy"), MessageKey: "partners-card")).CommitAsync(default);
        await dispatcher.DispatchOnceAsync(default);

        // As the case card command does: the old copy points to the new one, the new one is posted, then updated twice.
        await transactions.Begin("case|repost")
            .Send(new OutboundMessage(DeliveryTarget.UpdateOf("partners-card"), Text("moved")))
            .Send(new OutboundMessage(DeliveryTarget.ToChannel(Channel), Text("second copy"), MessageKey: "partners-card"))
            .Send(new OutboundMessage(DeliveryTarget.UpdateOf("partners-card"), Text("second copy v2")))
            .Send(new OutboundMessage(DeliveryTarget.UpdateOf("partners-card"), Text("second copy v3")))
            .CommitAsync(default);
        await dispatcher.DispatchOnceAsync(default);

        var calls = _connector.Calls.ToList();
        Assert.Equal(["first copy", "moved", "second copy", "second copy v3"], calls.Select(c => c.Activity!.Text));
        Assert.Equal(calls[0].ActivityId, calls[1].ActivityId);
        Assert.Equal(calls[2].ActivityId, calls[3].ActivityId);
        Assert.NotEqual(calls[0].ActivityId, calls[2].ActivityId);
    }

    [Fact]
    public async Task Partitions_are_sent_side_by_side_so_one_slow_conversation_does_not_hold_up_another_case()
    {
        var table = await TableAsync(azurite.NewTable("sidebyside"));
        await table.UpsertEntityAsync(new ConversationReference("chat-2", ServiceUrl, "t1", "personal", null, "bot", true).ToEntity());
        var transactions = new Transactions(table, new OutboxSignal(), _clock);
        await transactions.Begin("case|slow").Send(new OutboundMessage(DeliveryTarget.ToConversation("chat-1"), Text("slow"))).CommitAsync(default);
        await transactions.Begin("case|fast").Send(new OutboundMessage(DeliveryTarget.ToConversation("chat-2"), Text("fast"))).CommitAsync(default);
        var slow = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        _connector.Before = activity => activity?.Text == "slow" ? slow.Task : Task.CompletedTask;

        var pass = Dispatcher(table).DispatchOnceAsync(default);
        await EventuallyAsync(() => Task.FromResult(_connector.Calls.Any(c => c.Activity!.Text == "fast")), "the other case waited");
        Assert.False(pass.IsCompleted);
        slow.SetResult();

        Assert.Equal(2, await pass);
        Assert.Equal(["fast", "slow"], _connector.Calls.Select(c => c.Activity!.Text));
    }
}
