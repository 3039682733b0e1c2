using Moq;
using Azure.Data.Tables;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using TeamsSafeguarding.Conversations;
using TeamsSafeguarding.Outbox;
using TeamsSafeguarding.Storage;
using TeamsSafeguarding.Teams;
using TeamsSafeguarding.Teams.Connector;
using TeamsSafeguarding.Tests.Support;
using Xunit;

namespace TeamsSafeguarding.Tests.Endpoint;

/// <summary>
/// The outbox retries on its own schedule, so each outbox attempt is exactly one Connector call (the real
/// ConnectorClient against the fake Connector), and a throttled send waits at least the Connector's Retry-After.
/// </summary>
[Collection("Azurite")]
public sealed class OutboxConnectorAttemptsTests(AzuriteFixture azurite) : IAsyncLifetime
{
    private const string Chat = "a:chat-outbox";
    private readonly FakeTimeProvider clock = new(new DateTimeOffset(2026, 11, 23, 9, 0, 0, TimeSpan.Zero));
    private readonly OutboxOptions outbox = new();
    private FakeConnector connector = null!;
    private ServiceProvider services = null!;
    private TableClient table = null!;
    private OutboxDispatcher dispatcher = null!;

    public async Task InitializeAsync()
    {
        connector = await FakeConnector.StartAsync();
        // The real client as Program registers it.
        services = new ServiceCollection().AddLogging()
            .Configure<BotOptions>(_ => { })
            .AddConnectorClient().BuildServiceProvider();
        table = azurite.NewTable("attempts");
        var store = new ConversationStore(table);
        await table.UpsertEntityAsync(new ConversationReference(Chat, connector.ServiceUrl, "t1", "personal", null, "bot", true).ToEntity());
        dispatcher = TestDispatcher.For(table, services.GetRequiredService<IConnectorClient>(), clock, store, outbox);
    }

    public async Task DisposeAsync()
    {
        await services.DisposeAsync();
        await connector.DisposeAsync();
    }

    [Fact]
    public async Task A_failed_outbox_attempt_is_one_connector_call_and_the_outbox_schedules_the_retry()
    {
        connector.FailNext(4, 503);
        await QueueAsync("hello");

        Assert.Equal(0, await dispatcher.DispatchOnceAsync(default));

        Assert.Single(connector.Calls);
        var row = Assert.Single(await PendingAsync());
        Assert.Equal(1, row.GetInt32("Attempts"));
        Assert.Equal(clock.GetUtcNow() + outbox.FirstBackoff, row.GetDateTimeOffset("NextAttemptAt"));

        clock.Advance(outbox.FirstBackoff);
        Assert.Equal(0, await dispatcher.DispatchOnceAsync(default));
        Assert.Equal(2, connector.Calls.Count);
    }

    [Fact]
    public async Task A_throttled_send_waits_for_the_connectors_retry_after_before_trying_again()
    {
        connector.FailNext(1, 429, retryAfter: TimeSpan.FromMinutes(5));
        await QueueAsync("hello");
        var start = clock.GetUtcNow();

        await dispatcher.DispatchOnceAsync(default);
        Assert.Equal(start + TimeSpan.FromMinutes(5), Assert.Single(await PendingAsync()).GetDateTimeOffset("NextAttemptAt"));

        clock.Advance(outbox.FirstBackoff);
        Assert.Equal(0, await dispatcher.DispatchOnceAsync(default));
        Assert.Single(connector.Calls);

        clock.Advance(TimeSpan.FromMinutes(5) - outbox.FirstBackoff);
        Assert.Equal(1, await dispatcher.DispatchOnceAsync(default));
        Assert.Equal(new[] { 429, 201 }, connector.Calls.Select(c => c.Status));
    }

    [Fact]
    public void Retry_after_lengthens_the_backoff_but_never_beyond_the_longest_wait()
    {
        Assert.Equal(outbox.FirstBackoff, dispatcher.BackoffAfter(1, TimeSpan.FromSeconds(1)));
        Assert.Equal(TimeSpan.FromMinutes(3), dispatcher.BackoffAfter(1, TimeSpan.FromMinutes(3)));
        Assert.Equal(outbox.MaxBackoff, dispatcher.BackoffAfter(1, TimeSpan.FromDays(2)));
    }

    [Fact]
    public async Task The_client_makes_one_attempt_and_reports_the_connectors_retry_after()
    {
        var client = services.GetRequiredService<IConnectorClient>();
        connector.FailNext(2, 429, retryAfter: TimeSpan.FromSeconds(7));

        var failure = await Assert.ThrowsAsync<ConnectorException>(() =>
            client.SendToConversationAsync(connector.ServiceUrl, Chat, new Activity { Type = "message", Text = "y" }, default));

        Assert.Single(connector.Calls);
        Assert.Equal(429, failure.StatusCode);
        Assert.Equal(TimeSpan.FromSeconds(7), failure.RetryAfter);
    }

    [Fact]
    public async Task While_the_connector_keeps_failing_each_outbox_pass_makes_exactly_one_send()
    {
        // The interaction is the behaviour here: one Connector call per attempt, never a burst of calls per message.
        var client = new Mock<IConnectorClient>(MockBehavior.Strict);
        client.Setup(c => c.SendToConversationAsync(connector.ServiceUrl, Chat, It.IsAny<Activity>(), It.IsAny<CancellationToken>()))
            .ThrowsAsync(new ConnectorException(503, "ServiceUnavailable", "Connector SendToConversation failed with 503."));
        var failing = TestDispatcher.For(table, client.Object, clock, outbox: outbox);
        await QueueAsync("hello");

        for (var pass = 1; pass <= 3; pass++)
        {
            Assert.Equal(0, await failing.DispatchOnceAsync(default));
            Assert.Equal(0, await failing.DispatchOnceAsync(default)); // waiting for its backoff: no call
            client.Verify(c => c.SendToConversationAsync(connector.ServiceUrl, Chat, It.IsAny<Activity>(), It.IsAny<CancellationToken>()), Times.Exactly(pass));
            clock.Advance(failing.BackoffAfter(pass));
        }
        Assert.Equal(3, Assert.Single(await PendingAsync()).GetInt32("Attempts"));
    }

    private Task QueueAsync(string text) =>
        new Transactions(table, new OutboxSignal(), clock).Begin(ConversationReference.PartitionOf(Chat))
            .Send(new OutboundMessage(DeliveryTarget.ToConversation(Chat), new Activity { Type = "message", Text = text }))
            .CommitAsync(default);

    private async Task<List<TableEntity>> PendingAsync() =>
        await table.QueryAsync<TableEntity>(e => e.RowKey.CompareTo(OutboxRow.Prefix) >= 0 && e.RowKey.CompareTo(OutboxRow.Prefix + "~") < 0)
            .ToListAsync();
}
