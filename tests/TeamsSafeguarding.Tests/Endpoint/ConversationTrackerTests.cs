using System.Text.Json;
using System.Text.Json.Nodes;
using TeamsSafeguarding.Conversations;
using TeamsSafeguarding.Teams;
using TeamsSafeguarding.Tests.Routing;
using TeamsSafeguarding.Tests.Support;
using Xunit;

namespace TeamsSafeguarding.Tests.Endpoint;

/// <summary>References are kept fresh from real Playground activities, and an activity that changes nothing writes nothing.</summary>
[Collection("Azurite")]
public sealed class ConversationTrackerTests(AzuriteFixture azurite)
{
    private const string Tenant = TestBotHost.MockTenantId;
    private const string UserKey = "00000000-0000-0000-0000-0000000000020"; // user-id-0's aadObjectId in the fixtures

    private (CountingTable Table, ConversationStore Store, ConversationTracker Tracker) Rig()
    {
        var table = new CountingTable(azurite.ConnectionString, azurite.NewTableName("tracker"));
        var store = new ConversationStore(table.Client);
        return (table, store, new ConversationTracker(store));
    }

    private static Activity From(string fixture, Action<JsonObject>? change = null)
    {
        var json = PlaygroundFixtures.ActivityJson(fixture);
        json["id"] = Guid.NewGuid().ToString();
        change?.Invoke(json);
        return JsonSerializer.Deserialize<Activity>(json.ToJsonString(), ActivityJson.Options)!;
    }

    [Theory]
    [InlineData("message-personal.json")]
    [InlineData("message-channel-mention.json")]
    [InlineData("message-groupchat-mention.json")]
    [InlineData("invoke-adaptiveCard-action.json")]
    public async Task The_next_activity_from_the_same_place_writes_nothing_and_reads_nothing(string fixture)
    {
        var (table, _, tracker) = Rig();
        await tracker.RememberAsync(From(fixture), default);
        var afterFirst = table.Writes;
        table.Reset();

        await tracker.RememberAsync(From(fixture), default);
        await tracker.RememberAsync(From(fixture), default);

        Assert.True(afterFirst >= 2, $"the first activity should store the reference and the tenant ({afterFirst} writes)");
        // What the first stored is kept in memory, written through: the next ones need no storage at all.
        Assert.Empty(table.Requests);
    }

    [Fact]
    public async Task A_new_service_url_is_stored_for_the_conversation_the_tenant_and_the_personal_chat()
    {
        var (table, store, tracker) = Rig();
        await tracker.RememberAsync(From("message-personal.json"), default);
        var before = table.Writes;

        await tracker.RememberAsync(From("message-personal.json", a => a["serviceUrl"] = "https://smba.trafficmanager.net/uk/"), default);

        Assert.True(table.Writes > before);
        var (reference, _) = await store.FindAsync("personal-chat-user-id-0", default);
        Assert.Equal("https://smba.trafficmanager.net/uk/", reference!.ServiceUrl);
        Assert.Equal("https://smba.trafficmanager.net/uk/", await store.FindServiceUrlAsync(Tenant, default));
        var (chat, _) = await store.FindPersonalChatAsync(UserKey, default);
        Assert.Equal("https://smba.trafficmanager.net/uk/", chat!.ServiceUrl);
        Assert.Equal(Tenant, chat.TenantId);
    }

    [Fact]
    public async Task Removal_and_reinstall_are_both_stored()
    {
        var (_, store, tracker) = Rig();
        await tracker.RememberAsync(From("installationUpdate-add-personal.json"), default);

        await tracker.RememberAsync(From("installationUpdate-remove-personal.json"), default);
        Assert.False((await store.FindAsync("personal-chat-user-id-0", default)).Reference!.Installed);

        await tracker.RememberAsync(From("installationUpdate-add-personal.json"), default);
        Assert.True((await store.FindAsync("personal-chat-user-id-0", default)).Reference!.Installed);
    }

    [Fact]
    public async Task An_activity_that_does_not_say_which_team_keeps_the_team_already_stored_and_writes_nothing()
    {
        var (table, store, tracker) = Rig();
        await tracker.RememberAsync(From("message-channel-mention.json"), default);
        var (stored, _) = await store.FindAsync(From("message-channel-mention.json").Conversation!.Id!, default);
        Assert.NotNull(stored!.TeamId);
        var before = table.Writes;

        await tracker.RememberAsync(From("message-channel-mention.json", a =>
        {
            a["channelData"]!.AsObject().Remove("team");
            a["conversation"]!.AsObject().Remove("conversationType");
        }), default);

        Assert.Equal(before, table.Writes);
        Assert.Equal(stored, (await store.FindAsync(stored.ConversationId, default)).Reference);
    }

    [Fact]
    public async Task A_person_met_in_a_channel_is_remembered_with_their_tenant_and_teams_id_but_not_their_name()
    {
        var (table, store, tracker) = Rig();

        await tracker.RememberAsync(From("message-channel-mention.json"), default);

        var user = await store.FindUserAsync(UserKey, default);
        Assert.Equal(new UserReference(UserKey, Tenant, "user-id-0", From("message-channel-mention.json").ServiceUrl!), user);
        var row = await table.Client.GetEntityAsync<Azure.Data.Tables.TableEntity>(PersonalChat.PartitionOf(UserKey), UserReference.Row);
        Assert.DoesNotContain(row.Value, p => p.Value is string s && s.Contains("Alex"));
    }
}
