using System.Text.Json.Nodes;
using Azure.Data.Tables;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using TeamsSafeguarding.Escalation.Partners;
using Microsoft.Extensions.Options;
using TeamsSafeguarding.Board;
using TeamsSafeguarding.Conversations;
using TeamsSafeguarding.Outbox;
using TeamsSafeguarding.Routing;
using TeamsSafeguarding.Storage;
using TeamsSafeguarding.Teams;
using TeamsSafeguarding.Tests.Cards;
using TeamsSafeguarding.Tests.Support;
using TeamsSafeguarding.Triage;
using Xunit;

namespace TeamsSafeguarding.Tests.Triage;

/// <summary>"roles" in a channel: the roles as stored at start-up, since when, and the last changes in counts.</summary>
[Collection("Azurite")]
public sealed class BoardRolesCommandTests
{
    private const string Tenant = "tenant";
    private readonly BoardHarness _board;
    private readonly BoardRolesStore _store;
    private readonly LogCapture _logs = new();

    public BoardRolesCommandTests(AzuriteFixture azurite)
    {
        _board = new BoardHarness(azurite.NewTable("roles"), logs: _logs);
        _store = _board.Services.GetRequiredService<BoardRolesStore>();
    }

    private CastingActor _castingBy = CastingActor.Chair;

    private Task<RolesRecorded> StartBotAsync() => _store.RecordAsync(BoardRoleHolders.From(_board.Board, _castingBy), default);

    [Fact]
    public async Task Coordinators_get_the_stored_roles_and_the_date_they_were_configured()
    {
        await StartBotAsync();

        var card = BoardHarness.CardOf(Assert.Single(await TypeAsync(BoardHarness.Coordinator, "19:chan-a")));

        CardSchema.AssertValid(card);
        var text = CardJsonQuery.AllText(card);
        Assert.Contains("As configured on 2 March 2026.", text);
        Assert.Equal(BoardHarness.Dbm, Fact(card, "Deputy board managers"));
        Assert.Equal("police-1", Fact(card, "Statutory partner: Police"));
        Assert.Equal("29:la-2, la-1", Fact(card, "Statutory partner: Local authority"));
        Assert.Equal("Nobody set up", Fact(card, "Auditors"));
        Assert.Equal("Chair", Fact(card, "Casting decision by"));
        Assert.Contains("No changes since the roles were first stored.", text);
    }

    [Fact]
    public async Task The_card_shows_what_is_stored_not_what_this_instance_was_configured_with()
    {
        await StartBotAsync();
        _board.Board.Chairs = ["chair-configured-later"];

        var card = BoardHarness.CardOf(Assert.Single(await TypeAsync(BoardHarness.Coordinator, "19:chan-a")));

        Assert.Equal(BoardHarness.Chair, Fact(card, "Chairs"));
    }

    [Fact]
    public async Task Recent_changes_show_their_date_and_counts_but_not_the_ids()
    {
        await StartBotAsync();
        _board.Clock.Advance(TimeSpan.FromDays(8));
        _board.Board.Chairs = ["chair-2"];
        _board.Board.Auditors = ["auditor-1", "auditor-2"];
        Assert.Equal(RolesRecorded.Changed, await StartBotAsync());
        _board.Clock.Advance(TimeSpan.FromDays(30));
        _castingBy = CastingActor.DeputyBoardManager;
        _board.Board.Partners[1].Members.Clear();
        Assert.Equal(RolesRecorded.Changed, await StartBotAsync());

        var card = BoardHarness.CardOf(Assert.Single(await TypeAsync(BoardHarness.Coordinator, "19:chan-a")));

        CardSchema.AssertValid(card);
        Assert.Contains("As configured on 9 April 2026.", CardJsonQuery.AllText(card));
        var changes = ChangeFacts(card);
        Assert.Equal(["9 April 2026", "10 March 2026"], changes.Keys);
        Assert.Equal("removed from Police members: 1 person; casting decision now by the deputy board manager", changes["9 April 2026"]);
        Assert.Equal("added to Chairs: 1 person; removed from Chairs: 1 person; added to Auditors: 2 people", changes["10 March 2026"]);
        Assert.DoesNotContain("chair-1", string.Join(" ", changes.Values));
        Assert.Equal("chair-2", Fact(card, "Chairs"));
    }

    [Fact]
    public async Task Before_the_roles_are_stored_the_card_says_they_come_from_configuration()
    {
        var card = BoardHarness.CardOf(Assert.Single(await TypeAsync(BoardHarness.Coordinator, "19:chan-a")));

        CardSchema.AssertValid(card);
        var text = CardJsonQuery.AllText(card);
        Assert.Contains("not stored yet", text);
        Assert.DoesNotContain("As configured on", text);
        Assert.Equal(BoardHarness.Chair, Fact(card, "Chairs"));
    }

    [Fact]
    public async Task Others_are_told_politely_it_is_for_coordinators_and_the_refusal_is_logged()
    {
        await StartBotAsync();

        var sent = Assert.Single(await TypeAsync("police-1", "19:chan-b"));

        Assert.Equal(BoardRolesCommand.Refused, sent.Activity.Text);
        Assert.Null(sent.Activity.Attachments);
        Assert.Contains(_logs.Entries, e => e.Message == "Roles command refused for lack of role");
    }

    [Fact]
    public async Task A_coordinator_id_from_another_tenant_is_refused_and_logged()
    {
        await StartBotAsync();

        var sent = Assert.Single(await TypeAsync(BoardHarness.Coordinator, "19:chan-c", tenant: "another-tenant"));

        Assert.Equal(CaseCardCommand.WrongTenant, sent.Activity.Text);
        Assert.Null(sent.Activity.Attachments);
        Assert.Contains(_logs.Entries, e => e.Level == LogLevel.Warning && e.Message == "Roles command from a tenant that is not allowed");
    }

    /// <summary>Types "roles" in a channel and returns what the bot queued for that conversation.</summary>
    private async Task<IReadOnlyList<OutboundMessage>> TypeAsync(string userKey, string conversationId, string tenant = Tenant)
    {
        var activity = new Activity
        {
            Type = ActivityTypes.Message, Text = "roles",
            Conversation = new ConversationAccount { Id = conversationId, ConversationType = "channel" },
        };
        var handler = _board.Routes.FindCommand("roles") ?? throw new InvalidOperationException("No roles command");
        await handler(new ChatMessage(activity, new Actor(userKey, userKey, null, tenant), "roles"), default);
        var messages = new List<OutboundMessage>();
        await foreach (var row in _board.Table.QueryAsync<TableEntity>(e => e.RowKey.CompareTo(OutboxRow.Prefix) >= 0 && e.RowKey.CompareTo("outbox}") < 0))
            messages.Add(OutboxRow.Read(row));
        return messages.Where(m => m.Target.Id == conversationId).ToList();
    }

    private static IEnumerable<JsonObject> FactSets(JsonObject card) =>
        CardJsonQuery.Objects(card).Where(o => (string?)o["type"] == "FactSet");

    /// <summary>The value of a fact in the roles fact set (the first one).</summary>
    private static string Fact(JsonObject card, string title) =>
        FactSets(card).First()["facts"]!.AsArray().Single(f => (string?)f!["title"] == title)!["value"]!.GetValue<string>();

    /// <summary>The recent changes fact set (the second one): date to what changed, in card order.</summary>
    private static Dictionary<string, string> ChangeFacts(JsonObject card) =>
        FactSets(card).Skip(1).Single()["facts"]!.AsArray()
            .ToDictionary(f => f!["title"]!.GetValue<string>(), f => f!["value"]!.GetValue<string>());
}
