using System.Text.Json.Nodes;
using Azure.Data.Tables;
using Microsoft.Extensions.DependencyInjection;
using TeamsSafeguarding.Cards.Board;
using TeamsSafeguarding.Escalation.Cases;
using TeamsSafeguarding.Register;
using TeamsSafeguarding.Tests.Cards;
using TeamsSafeguarding.Tests.Endpoint;
using TeamsSafeguarding.Tests.Measures;
using TeamsSafeguarding.Tests.Support;
using TeamsSafeguarding.Tests.Triage;
using Microsoft.Extensions.Hosting;
using Xunit;

namespace TeamsSafeguarding.Tests.Register;

/// <summary>The case register and the case log viewer over a real Azurite table: kept in step, role-checked, every read logged.</summary>
[Collection("Azurite")]
public sealed class RegisterFeatureTests(AzuriteFixture azurite)
{
    private const string Auditor = "auditor-1";

    private BoardHarness Board(TableClient? table = null) =>
        new(table ?? azurite.NewTable("register"), b => { b.Auditors = [Auditor]; b.BoardAdmins = ["admin-1"]; });

    private static async Task<IReadOnlyList<TeamsSafeguarding.Escalation.Register.RegisterEntry>> EntriesAsync(BoardHarness board) =>
        await board.Services.GetRequiredService<RegisterIndex>().ReadAsync(openOnly: false, default);

    [Fact]
    public async Task Every_case_command_keeps_the_register_in_step_and_writes_it_only_when_its_facts_change()
    {
        var counting = new CountingTable(azurite.ConnectionString, azurite.NewTableName("regcount"));
        var board = Board(counting.Client);
        var year = new SeededYear(board);
        await year.SeedAsync();

        var entries = (await EntriesAsync(board)).ToDictionary(e => e.CaseId);
        Assert.Equal(7, entries.Count);
        Assert.Equal(CaseStage.Closed, entries[year.CaseIds['A']].Stage);
        Assert.Equal(CaseStage.MeetingRequired, entries[year.CaseIds['B']].Stage);
        Assert.Equal(CaseStage.WithPartners, entries[year.CaseIds['D']].Stage);
        Assert.Equal(CaseStage.Received, entries[year.CaseIds['E']].Stage);
        Assert.Equal(CaseStage.Returned, entries[year.CaseIds['F']].Stage);
        Assert.Equal(2, (await board.Services.GetRequiredService<RegisterIndex>().ReadAsync(openOnly: true, default)).Count(e => e.Stage == CaseStage.Received
            || e.Stage == CaseStage.Returned));

        // A partner's view that does not decide changes nothing the register holds: no write to it.
        var h = await SeedWithPartnersAsync(board);
        counting.Reset();
        await board.ClickAsync("la-1", "partners.view", new JsonObject { ["caseId"] = h, ["choice"] = "MeetingRequired", ["rationale"] = "x" });
        Assert.DoesNotContain(counting.Requests, r => r.Contains("register"));
        // The view that decides moves the stage: one upsert of the case's entry.
        await board.ClickAsync("police-1", "partners.view", new JsonObject { ["caseId"] = h, ["choice"] = "MeetingRequired", ["rationale"] = "y" });
        Assert.Single(counting.Requests, r => r.Contains("register"));
        Assert.Equal(CaseStage.MeetingRequired, (await EntriesAsync(board)).Single(e => e.CaseId == h).Stage);
    }

    [Fact]
    public async Task Cases_lists_open_cases_for_board_readers_logs_the_read_on_each_and_refuses_others()
    {
        var board = Board();
        var year = new SeededYear(board);
        await year.SeedAsync();

        var posted = await TypeAsync(board, Auditor, "cases");
        var card = BoardHarness.CardOf(Assert.Single(posted));
        CardSchema.AssertValid(card);
        var text = card.ToJsonString();
        Assert.Contains("5 open cases", text);
        foreach (var open in new[] { 'B', 'C', 'D', 'E', 'F' }) Assert.Contains(year.CaseIds[open], text);
        Assert.DoesNotContain(year.CaseIds['A'], text); // closed
        Assert.DoesNotContain(year.CaseIds['G'], text);
        foreach (var open in new[] { 'B', 'E' })
        {
            var listed = Assert.Single(await board.Cases.GetLogAsync(year.CaseIds[open], default), l => l.Action == CaseActions.ListedInRegister);
            Assert.Equal((Auditor, "Auditor", "page 1 of 1"), (listed.ActorKey, listed.ActorRole, listed.Detail));
        }

        // Partner members and outsiders are refused, and nothing is read or logged for them.
        foreach (var who in new[] { "la-1", BoardHarness.Outsider })
        {
            var refused = Assert.Single(await TypeAsync(board, who, "cases", $"19:{who}@thread.tacv2"));
            Assert.Equal(BoardReaders.WrongPlace, refused.Activity.Text); // not the coordinators' channel
        }
        var personal = await board.Routes.FindVerb(BoardVerbs.ShowRegister)!(Action(board, "la-1", BoardVerbs.ShowRegister, new JsonObject()), default);
        Assert.Equal(BoardReaders.NotAReader, BoardHarness.MessageOf(personal));
        Assert.Single(await board.Cases.GetLogAsync(year.CaseIds['B'], default), l => l.Action == CaseActions.ListedInRegister);

        // Filtered by stage: only the one waiting for triage; the filter comes back selected.
        var received = BoardHarness.CardOf(await board.Routes.FindVerb(BoardVerbs.ShowRegister)!(Action(board, BoardHarness.Coordinator, BoardVerbs.ShowRegister,
            new JsonObject { [BoardVerbs.StageKey] = "Received", [BoardVerbs.OverdueKey] = "false" }), default));
        Assert.Contains(year.CaseIds['E'], received.ToJsonString());
        Assert.DoesNotContain(year.CaseIds['D'], received.ToJsonString());
        Assert.Equal("Received", PlaygroundLikeInput(received, RegisterCard.StageInputId));
    }

    [Fact]
    public async Task A_stale_entry_shows_the_case_as_it_now_is_and_a_vanished_case_is_left_out()
    {
        var board = Board();
        var year = new SeededYear(board);
        await year.SeedAsync();
        var index = board.Services.GetRequiredService<RegisterIndex>();
        // The register says D is still waiting for triage (as if a write had been lost), and lists a case that is gone.
        var d = (await index.ReadAsync(false, default)).Single(e => e.CaseId == year.CaseIds['D']);
        await board.Table.UpsertEntityAsync(RegisterIndex.ToEntity(d with { Stage = CaseStage.Received }));
        await board.Table.UpsertEntityAsync(RegisterIndex.ToEntity(d with { CaseId = new string('a', 32), Reference = "SAB-2026-0999" }));

        var card = BoardHarness.CardOf(Assert.Single(await TypeAsync(board, BoardHarness.Coordinator, "cases")));
        var rowOfD = PlaygroundLikeRow(card, year.CaseIds['D']);
        Assert.Contains(CaseStageWords.Display(CaseStage.WithPartners), rowOfD);
        Assert.DoesNotContain("SAB-2026-0999", card.ToJsonString());
    }

    [Fact]
    public async Task A_row_opens_the_case_and_the_log_pages_through_in_order_with_every_page_logged()
    {
        var board = Board();
        var year = new SeededYear(board);
        await year.SeedAsync();
        var b = year.CaseIds['B'];

        var summary = BoardHarness.CardOf(await board.ClickAsync(BoardHarness.Chair, BoardVerbs.OpenCase, new JsonObject { [BoardVerbs.CaseIdKey] = b }));
        CardSchema.AssertValid(summary);
        Assert.Contains("Meeting required", summary.ToJsonString());
        Assert.Contains(BoardVerbs.ShowLog, summary.ToJsonString());

        var lines = await board.Cases.GetLogAsync(b, default);
        var last = BoardHarness.CardOf(await board.ClickAsync(BoardHarness.Chair, BoardVerbs.ShowLog, new JsonObject { [BoardVerbs.CaseIdKey] = b }));
        CardSchema.AssertValid(last);
        var pages = (lines.Count + 1 + CaseLogCard.PageSize - 1) / CaseLogCard.PageSize; // the summary view was logged too
        Assert.Contains($"page {pages} of {pages}", last.ToJsonString());
        var first = BoardHarness.CardOf(await board.ClickAsync(BoardHarness.Chair, BoardVerbs.ShowLog, new JsonObject { [BoardVerbs.CaseIdKey] = b, [BoardVerbs.PageKey] = 1 }));
        var firstText = first.ToJsonString();
        Assert.True(firstText.IndexOf("Referral submitted", StringComparison.Ordinal) < firstText.IndexOf("Triaged", StringComparison.Ordinal));
        Assert.Contains("Deputy board manager", firstText);   // who, by role: never a name or an id
        Assert.DoesNotContain(BoardHarness.Dbm, firstText);

        var log = await board.Cases.GetLogAsync(b, default);
        Assert.Single(log, l => l.Action == CaseActions.SummaryViewed && l.ActorKey == BoardHarness.Chair && l.ActorRole == "Chair");
        Assert.Equal(2, log.Count(l => l.Action == CaseActions.LogViewed && l.ActorKey == BoardHarness.Chair));

        // "log SAB-…" typed, by someone without a board role: refused, and the refusal is on the case.
        var refused = Assert.Single(await TypeAsync(board, "la-1", "log SAB-2026-0002"));
        Assert.Equal(BoardReaders.NotAReader, refused.Activity.Text);
        Assert.Contains(await board.Cases.GetLogAsync(b, default), l => l.Action == CaseActions.AccessRefused && l.ActorKey == "la-1");
        var typed = BoardHarness.CardOf(Assert.Single(await TypeAsync(board, BoardHarness.Coordinator, "log SAB-2026-0002")));
        Assert.Contains("Case log: SAB-2026-0002", typed.ToJsonString());
    }

    [Fact]
    public async Task The_register_is_built_once_from_cases_that_were_there_before_it()
    {
        var board = Board();
        var record = await board.SeedReceivedAsync(); // written straight to storage: no command, so no entry
        Assert.Empty(await EntriesAsync(board));
        var backfill = board.Services.GetServices<IHostedService>().OfType<RegisterBackfill>().Single();

        Assert.Equal(1, await backfill.BuildOnceAsync(default));
        Assert.Equal(record.CaseId, Assert.Single(await EntriesAsync(board)).CaseId);
        Assert.Equal(0, await backfill.BuildOnceAsync(default)); // once only
    }

    /// <summary>Types in a new thread of <paramref name="channel"/> (the coordinators' by default): the bot's answers in that thread.</summary>
    private static async Task<IReadOnlyList<TeamsSafeguarding.Outbox.OutboundMessage>> TypeAsync(BoardHarness board, string who, string text,
        string channel = BoardHarness.CoordinatorsChannel) =>
        (await board.TypeAsync(who, text, $"{channel};messageid={Guid.NewGuid():N}"))
            .Where(m => m.Target.Kind == TeamsSafeguarding.Outbox.TargetKind.Conversation).ToList();

    private static async Task<string> SeedWithPartnersAsync(BoardHarness board)
    {
        var record = await board.SeedReceivedAsync();
        await board.ClickAsync(BoardHarness.Dbm, "triage.send", BoardHarness.AllChecks("Met", record.CaseId));
        return record.CaseId;
    }

    private static TeamsSafeguarding.Routing.CardAction Action(BoardHarness board, string who, string verb, JsonObject data) =>
        new(new global::TeamsSafeguarding.Teams.Activity { Type = "invoke", Conversation = new global::TeamsSafeguarding.Teams.ConversationAccount { ConversationType = "personal", Id = "a:1" } },
            new TeamsSafeguarding.Routing.Actor(who, who, null, BoardHarness.Tenant), verb, data, false);

    private static string? PlaygroundLikeInput(JsonObject card, string id) => EndToEnd.PlaygroundDriver.InputValue(card, id);

    /// <summary>The text of the register row that opens <paramref name="caseId"/>.</summary>
    private static string PlaygroundLikeRow(JsonObject card, string caseId) =>
        EndToEnd.PlaygroundDriver.Walk(card["body"]).Single(e => (string?)e["selectAction"]?["data"]?[BoardVerbs.CaseIdKey] == caseId).ToJsonString();
}
