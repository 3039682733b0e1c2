using System.Text.Json.Nodes;
using Microsoft.Extensions.DependencyInjection;
using TeamsSafeguarding.Conversations;
using TeamsSafeguarding.Partners;
using TeamsSafeguarding.Teams.Connector;
using TeamsSafeguarding.Tests.Outbox;
using TeamsSafeguarding.Tests.Support;
using TeamsSafeguarding.Tests.Triage;
using Xunit;

namespace TeamsSafeguarding.Tests.Partners;

/// <summary>
/// The shared partners' card refreshes for the partners' channel members from its first post: their Teams ids come
/// from the Connector's roster of the channel, not only from people who have talked to the bot.
/// </summary>
[Collection("Azurite")]
public sealed class PartnersRosterTests(AzuriteFixture azurite)
{
    private const string ServiceUrl = "https://smba.example/uk/";
    private readonly RecordingConnector _connector = new();

    private async Task<BoardHarness> BoardAsync()
    {
        var board = new BoardHarness(azurite.NewTable("roster"), more: s => s.AddSingleton<IConnectorClient>(_connector));
        await board.Table.UpsertEntityAsync(new ConversationReference(BoardHarness.PartnersChannel, ServiceUrl, BoardHarness.Tenant, "channel", "team", "bot", true).ToEntity());
        return board;
    }

    private static IReadOnlyList<string> RefreshIds(JsonObject card) => [.. card["refresh"]!["userIds"]!.AsArray().Select(n => n!.GetValue<string>())];

    [Fact]
    public async Task The_first_post_of_the_partners_card_refreshes_for_the_channel_members_found_in_its_roster()
    {
        var board = await BoardAsync();
        // Five people in the channel (two pages of two, then one): three board members by Entra object id, a stranger, and
        // a member with no object id.
        _connector.Rosters[BoardHarness.PartnersChannel] =
        [
            new() { Id = "29:la-1-teams", AadObjectId = "la-1" }, new() { Id = "29:stranger", AadObjectId = "not-on-the-board" },
            new() { Id = "29:police-teams", ObjectId = "police-1" }, new() { Id = "29:no-object-id" },
            new() { Id = "29:chair-teams", AadObjectId = BoardHarness.Chair },
        ];
        var record = await board.SeedReceivedAsync();
        await board.ClickAsync(BoardHarness.Dbm, "triage.send", BoardHarness.AllChecks("Met", record.CaseId));

        var first = Assert.Single(await board.OutboxAsync(record.CaseId), m => m.MessageKey == PartnersCards.MessageKey);
        // From the roster ("objectId" is how the Agents Playground names it), the one configured by Teams id, and the chair.
        Assert.Equal(["29:la-1-teams", "29:la-2", "29:police-teams", "29:chair-teams"], RefreshIds(BoardHarness.CardOf(first)));
        Assert.Equal(3, _connector.Calls.Count(c => c.Op == "members" && c.ConversationId == BoardHarness.PartnersChannel));
        Assert.All(_connector.Calls.Where(c => c.Op == "members"), c => Assert.Equal(ServiceUrl, c.ServiceUrl));

        // Read again only after a while (or when members change), not for every card.
        await board.Services.GetRequiredService<PartnersRoster>().RefreshAsync(default);
        Assert.Equal(3, _connector.Calls.Count(c => c.Op == "members"));
        board.Clock.Advance(PartnersRoster.Interval);
        await board.Services.GetRequiredService<PartnersRoster>().RefreshAsync(default);
        Assert.Equal(6, _connector.Calls.Count(c => c.Op == "members"));
    }

    [Fact]
    public async Task A_roster_that_cannot_be_read_never_stops_the_card()
    {
        var board = await BoardAsync();
        _connector.Failures.Enqueue(new ConnectorException(403, "BotNotInConversationRoster", "Connector GetPagedMembers failed with 403."));
        var record = await board.SeedReceivedAsync();
        await board.ClickAsync(BoardHarness.Dbm, "triage.send", BoardHarness.AllChecks("Met", record.CaseId));

        var first = Assert.Single(await board.OutboxAsync(record.CaseId), m => m.MessageKey == PartnersCards.MessageKey);
        Assert.Equal(["29:la-2"], RefreshIds(BoardHarness.CardOf(first)));
    }

    [Fact]
    public void An_entra_object_id_is_never_taken_for_a_teams_id()
    {
        var ids = new MemberTeamsIds(new ConversationStore(azurite.NewTable("roster")), Microsoft.Extensions.Options.Options.Create(new TeamsSafeguarding.Board.BoardOptions()));
        Assert.False(ids.LearnFromRoster("la-1", "8d1a2f0c-0000-4000-8000-000000000001"));
        Assert.False(ids.LearnFromRoster("la-1", ""));
        Assert.True(ids.LearnFromRoster("la-1", "user-id-1")); // the Agents Playground's own ids are its Teams ids
        Assert.False(ids.LearnFromRoster("la-1", "user-id-1")); // nothing new
        Assert.Equal("user-id-1", ids.Of("la-1"));
    }
}
