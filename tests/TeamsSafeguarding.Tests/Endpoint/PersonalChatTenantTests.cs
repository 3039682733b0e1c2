using System.Text.Json;
using System.Text.Json.Nodes;
using Azure.Data.Tables;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using TeamsSafeguarding.Conversations;
using TeamsSafeguarding.Outbox;
using TeamsSafeguarding.Storage;
using TeamsSafeguarding.Teams;
using TeamsSafeguarding.Teams.Connector;
using TeamsSafeguarding.Tests.Routing;
using TeamsSafeguarding.Tests.Support;
using Xunit;

namespace TeamsSafeguarding.Tests.Endpoint;

/// <summary>
/// A board serving two tenants: a 1:1 chat is opened in the person's own tenant (learnt from where the bot met
/// them), never simply the first tenant configured; a person the bot cannot place is recorded as undeliverable.
/// </summary>
[Collection("Azurite")]
public sealed class PersonalChatTenantTests(AzuriteFixture azurite) : IAsyncLifetime
{
    private const string TenantA = "aaaaaaaa-0000-0000-0000-000000000001";
    private const string TenantB = "bbbbbbbb-0000-0000-0000-000000000002";
    private const string PartnerKey = "aad-partner-in-b";

    private readonly FakeTimeProvider clock = new(new DateTimeOffset(2026, 11, 23, 9, 0, 0, TimeSpan.Zero));
    private readonly BotOptions botOptions = new() { AllowedTenantIds = [TenantA, TenantB] };
    private FakeConnector connector = null!;
    private ServiceProvider services = null!;
    private TableClient table = null!;
    private ConversationStore store = null!;
    private ConversationTracker tracker = null!;

    public async Task InitializeAsync()
    {
        connector = await FakeConnector.StartAsync();
        services = new ServiceCollection().AddLogging().Configure<BotOptions>(_ => { }).AddConnectorClient().BuildServiceProvider();
        table = azurite.NewTable("tenants");
        store = new ConversationStore(table);
        tracker = new ConversationTracker(store);
    }

    public async Task DisposeAsync()
    {
        await services.DisposeAsync();
        await connector.DisposeAsync();
    }

    /// <summary>A message in a channel or the personal chat of <paramref name="tenant"/>, from a person with <paramref name="userKey"/>.</summary>
    private Activity Seen(string fixture, string tenant, string userKey, string teamsId)
    {
        var json = PlaygroundFixtures.ActivityJson(fixture);
        json["serviceUrl"] = connector.ServiceUrl;
        json["conversation"]!["tenantId"] = tenant;
        json["conversation"]!["id"] = json["conversation"]!["id"]!.GetValue<string>() + "-" + tenant[..8];
        json["channelData"]!["tenant"] = new JsonObject { ["id"] = tenant };
        json["from"] = new JsonObject { ["id"] = teamsId, ["aadObjectId"] = userKey, ["name"] = "Someone" };
        return JsonSerializer.Deserialize<Activity>(json.ToJsonString(), ActivityJson.Options)!;
    }

    private async Task<(int Sent, RecordedCall? Created, TableEntity? Failed)> SendToAsync(string userKey)
    {
        var dispatcher = TestDispatcher.For(table, services.GetRequiredService<IConnectorClient>(), clock, store, bot: botOptions);
        await new Transactions(table, new OutboxSignal(), clock).Begin("case|t1")
            .Send(new OutboundMessage(DeliveryTarget.ToUser(userKey), new Activity { Type = "message", Text = "Your view is needed" }))
            .CommitAsync(default);
        var sent = await dispatcher.DispatchOnceAsync(default);
        var failed = table.Query<TableEntity>(e => e.PartitionKey == "case|t1").FirstOrDefault(e => e.RowKey.StartsWith(OutboxRow.FailedPrefix));
        return (sent, connector.Calls.FirstOrDefault(c => c.Operation == ConnectorOperation.CreateConversation), failed);
    }

    [Fact]
    public async Task A_person_met_in_a_channel_of_the_second_tenant_gets_a_chat_opened_in_that_tenant()
    {
        await tracker.RememberAsync(Seen("message-channel-mention.json", TenantA, "aad-someone-in-a", "29:a"), default);
        await tracker.RememberAsync(Seen("message-channel-mention.json", TenantB, PartnerKey, "29:partner-b"), default);

        var (sent, created, _) = await SendToAsync(PartnerKey);

        Assert.Equal(1, sent);
        Assert.Equal(TenantB, created!.Parameters!.TenantId);
        Assert.Equal(TenantB, created.Parameters.ChannelData!.Tenant!.Id);
        Assert.Equal("29:partner-b", created.Parameters.Members![0].Id);
        var (chat, _) = await store.FindPersonalChatAsync(PartnerKey, default);
        Assert.Equal(TenantB, chat!.TenantId);
        Assert.Equal(connector.Calls.Last().ConversationId, chat.ConversationId);
    }

    [Fact]
    public async Task A_person_who_removed_the_bot_gets_their_chat_reopened_in_their_own_tenant()
    {
        await tracker.RememberAsync(Seen("message-personal.json", TenantB, PartnerKey, "29:partner-b"), default);
        var (chat, _) = await store.FindPersonalChatAsync(PartnerKey, default);
        await store.SavePersonalChatAsync(chat! with { Installed = false }, default);

        var (sent, created, _) = await SendToAsync(PartnerKey);

        Assert.Equal(1, sent);
        Assert.Equal(TenantB, created!.Parameters!.TenantId);
        Assert.Equal("29:partner-b", created.Parameters.Members![0].Id);
    }

    [Fact]
    public async Task A_person_never_seen_on_a_board_with_two_tenants_is_recorded_as_undeliverable_not_guessed()
    {
        await tracker.RememberAsync(Seen("message-channel-mention.json", TenantA, "aad-someone-in-a", "29:a"), default);
        await tracker.RememberAsync(Seen("message-channel-mention.json", TenantB, "aad-someone-in-b", "29:b"), default);

        var (sent, created, failed) = await SendToAsync("aad-never-seen");

        Assert.Equal(0, sent);
        Assert.Null(created);
        Assert.Equal("UnknownTenant", failed!.GetString("Reason"));
    }

    [Fact]
    public async Task A_person_never_seen_on_a_single_tenant_board_gets_a_chat_in_that_tenant()
    {
        botOptions.AllowedTenantIds = [TenantB];
        await tracker.RememberAsync(Seen("message-channel-mention.json", TenantB, "aad-someone-in-b", "29:b"), default);

        var (sent, created, _) = await SendToAsync("aad-never-seen");

        Assert.Equal(1, sent);
        Assert.Equal(TenantB, created!.Parameters!.TenantId);
        Assert.Equal("aad-never-seen", created.Parameters.Members![0].Id);
    }
}
