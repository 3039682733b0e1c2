using Azure.Data.Tables;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using TeamsSafeguarding.Board;
using TeamsSafeguarding.Escalation.Partners;
using TeamsSafeguarding.Escalation.Process;
using TeamsSafeguarding.Tests.Support;
using Xunit;

namespace TeamsSafeguarding.Tests.Board;

/// <summary>
/// The board's roles stored at start-up on Azurite: the first start stores them, an unchanged configuration writes
/// nothing, a changed one keeps the previous version with what changed, and instances starting together write once.
/// </summary>
[Collection("Azurite")]
public sealed class StoredRolesTests(AzuriteFixture azurite)
{
    private static readonly DateTimeOffset FirstStart = new(2026, 3, 2, 9, 0, 0, TimeSpan.Zero);

    [Fact]
    public async Task The_first_start_stores_the_roles_as_configured_with_the_time()
    {
        var bot = new RolesOnStorage(azurite.NewTable("roles"), RolesOnStorage.SampleBoard(), RolesOnStorage.Monday());

        await bot.Recorder.StartAsync(default);

        var stored = await bot.Store.GetAsync(default);
        Assert.NotNull(stored);
        Assert.Equal(FirstStart, stored.ConfiguredAt);
        var roles = stored.Roles.Roles.ToDictionary(r => r.Key, r => r.Ids);
        Assert.Equal(["coord-1"], roles["coordinators"]);
        Assert.Equal(["dbm-1"], roles["deputyBoardManagers"]);
        Assert.Equal(["chair-1"], roles["chairs"]);
        Assert.Equal(["admin-1"], roles["boardAdmins"]);
        Assert.Empty(roles["auditors"]);
        Assert.Equal(["la-1", "la-2"], roles["partner:la"]);
        Assert.Equal(["police-1"], roles["partner:police"]);
        Assert.Equal(["Chair"], roles[BoardRoleHolders.TieBreakKey]);
        Assert.Equal("Statutory partner: Police", stored.Roles.Roles.Single(r => r.Key == "partner:police").Title);
        Assert.Equal([BoardRolesStore.Row], bot.BoardRows().Select(r => r.RowKey));
        Assert.Empty(await bot.Store.GetChangesAsync(5, default));
    }

    [Fact]
    public async Task Starting_again_with_the_same_configuration_writes_nothing_even_reordered()
    {
        var table = azurite.NewTable("roles");
        var clock = RolesOnStorage.Monday();
        var first = new RolesOnStorage(table, RolesOnStorage.SampleBoard(), clock);
        await first.Recorder.StartAsync(default);
        var etag = Assert.Single(first.BoardRows()).ETag;

        clock.Advance(TimeSpan.FromDays(3));
        var board = RolesOnStorage.SampleBoard();
        board.Partners[0].Members = ["LA-2 ", "la-1", "la-1"]; // same people: order, case, spaces and repeats don't count
        board.Partners.Reverse();
        var again = new RolesOnStorage(table, board, clock);
        Assert.Equal(RolesRecorded.Unchanged, await again.Store.RecordAsync(BoardRoleHolders.From(board), default));
        await again.Recorder.StartAsync(default);

        var row = Assert.Single(again.BoardRows());
        Assert.Equal(etag, row.ETag);
        Assert.Equal(FirstStart, (await again.Store.GetAsync(default))!.ConfiguredAt);
    }

    [Fact]
    public async Task A_changed_configuration_keeps_the_previous_version_and_names_what_changed()
    {
        var table = azurite.NewTable("roles");
        var clock = RolesOnStorage.Monday();
        await new RolesOnStorage(table, RolesOnStorage.SampleBoard(), clock).Recorder.StartAsync(default);

        clock.Advance(TimeSpan.FromDays(8));
        var changedAt = clock.GetUtcNow();
        var board = RolesOnStorage.SampleBoard();
        board.Chairs = ["chair-2"];
        board.Auditors = ["auditor-1", "auditor-2"];
        board.Partners[1].Members.Add("police-2");
        var restarted = new RolesOnStorage(table, board, clock, profile: ProcessProfile.Default with { CastingBy = CastingActor.DeputyBoardManager });
        await restarted.Recorder.StartAsync(default);

        var rows = restarted.BoardRows();
        Assert.Equal([BoardRolesStore.Row, BoardRolesStore.ChangeRowKey(changedAt)], rows.Select(r => r.RowKey).Order(StringComparer.Ordinal));
        Assert.Equal("roles|2026-03-10T09:00:00.0000000Z", BoardRolesStore.ChangeRowKey(changedAt));

        var stored = await restarted.Store.GetAsync(default);
        Assert.Equal(changedAt, stored!.ConfiguredAt);
        Assert.Equal(["chair-2"], stored.Roles.Roles.Single(r => r.Key == "chairs").Ids);

        var change = Assert.Single(await restarted.Store.GetChangesAsync(5, default));
        Assert.Equal(changedAt, change.ChangedAt);
        var byKey = change.Changes.ToDictionary(c => c.Key);
        Assert.Equal(["chairs", "auditors", "partner:police", BoardRoleHolders.TieBreakKey], change.Changes.Select(c => c.Key));
        Assert.Equal(["chair-2"], byKey["chairs"].Added);
        Assert.Equal(["chair-1"], byKey["chairs"].Removed);
        Assert.Equal(["auditor-1", "auditor-2"], byKey["auditors"].Added);
        Assert.Empty(byKey["auditors"].Removed);
        Assert.Equal(["police-2"], byKey["partner:police"].Added);
        Assert.Empty(byKey["partner:police"].Removed);
        Assert.Equal(["DeputyBoardManager"], byKey[BoardRoleHolders.TieBreakKey].Added);
        Assert.Equal(["Chair"], byKey[BoardRoleHolders.TieBreakKey].Removed);

        // The change row keeps the version it replaced, for the record.
        var changeRow = (await table.GetEntityAsync<Azure.Data.Tables.TableEntity>(BoardRolesStore.Partition, BoardRolesStore.ChangeRowKey(changedAt))).Value;
        Assert.Equal(FirstStart, changeRow.GetDateTimeOffset("PreviouslyConfiguredAt"));
        var previous = System.Text.Json.JsonSerializer.Deserialize<List<RoleHolding>>(TeamsSafeguarding.Cases.ChunkedText.Read(changeRow, "Previous")!,
            new System.Text.Json.JsonSerializerOptions(System.Text.Json.JsonSerializerDefaults.Web))!;
        Assert.Empty(BoardRoleHolders.From(RolesOnStorage.SampleBoard()).ChangesSince(new BoardRoleHolders(previous)));
    }

    [Fact]
    public async Task A_partner_agency_added_renamed_or_removed_is_a_change_of_its_own()
    {
        var before = BoardRoleHolders.From(RolesOnStorage.SampleBoard());
        var board = RolesOnStorage.SampleBoard();
        board.Partners[0].Name = "County council";
        board.Partners.RemoveAt(2);
        board.Partners.Add(new AgencyOptions { Id = "fire", Name = "Fire and rescue" });

        var changes = BoardRoleHolders.From(board).ChangesSince(before).ToDictionary(c => c.Key);

        Assert.Equal(3, changes.Count);
        Assert.Equal("Statutory partner: Local authority", changes["partner:la"].WasTitled);
        Assert.Equal(RoleChangeKind.NewRole, changes["partner:fire"].Kind);
        Assert.Equal(RoleChangeKind.RoleGone, changes["partner:icb"].Kind);
        Assert.Equal(["icb-1"], changes["partner:icb"].Removed);

        // The new agency has nobody yet, and is still stored as a change.
        var bot = new RolesOnStorage(azurite.NewTable("roles"), RolesOnStorage.SampleBoard(), RolesOnStorage.Monday());
        await bot.Store.RecordAsync(before, default);
        Assert.Equal(RolesRecorded.Changed, await bot.Store.RecordAsync(BoardRoleHolders.From(board), default));
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task Instances_starting_together_store_once_and_write_one_change(bool storedBefore)
    {
        const int instances = 4;
        var tableName = azurite.NewTable("roles").Name;
        var clock = RolesOnStorage.Monday();
        if (storedBefore)
            await new RolesOnStorage(new TableClient(azurite.ConnectionString, tableName), RolesOnStorage.SampleBoard(), clock).Recorder.StartAsync(default);
        clock.Advance(TimeSpan.FromDays(1));
        var board = RolesOnStorage.SampleBoard();
        board.Coordinators.Add("coord-2");

        // Every instance reads the stored roles before any of them writes; their clocks differ a little, as real ones do.
        var together = new ReadTogether(instances);
        var bots = Enumerable.Range(0, instances)
            .Select(i => new RolesOnStorage(RolesOnStorage.Through(azurite.ConnectionString, tableName, together), board,
                new Microsoft.Extensions.Time.Testing.FakeTimeProvider(clock.GetUtcNow().AddMilliseconds(i)))).ToList();
        var outcomes = await Task.WhenAll(bots.Select(b => b.Store.RecordAsync(BoardRoleHolders.From(board), default)));

        var expected = storedBefore ? RolesRecorded.Changed : RolesRecorded.First;
        Assert.Equal(1, outcomes.Count(o => o == expected));
        Assert.Equal(instances - 1, outcomes.Count(o => o == RolesRecorded.Unchanged));
        var rows = bots[0].BoardRows();
        Assert.Equal(storedBefore ? 2 : 1, rows.Count);
        Assert.Equal(storedBefore ? 1 : 0, (await bots[0].Store.GetChangesAsync(5, default)).Count);
        Assert.Contains("coord-2", (await bots[0].Store.GetAsync(default))!.Roles.Roles.Single(r => r.Key == "coordinators").Ids);
    }

    [Fact]
    public async Task Storage_down_at_start_up_does_not_stop_the_start_and_the_roles_are_stored_when_it_answers()
    {
        var tableName = azurite.NewTable("roles").Name;
        var line = new StorageLine { Cut = true };
        var logs = new LogCapture();
        var bot = new RolesOnStorage(RolesOnStorage.Through(azurite.ConnectionString, tableName, line), RolesOnStorage.SampleBoard(),
            RolesOnStorage.Monday(), logs);

        await bot.Recorder.StartAsync(default);

        var warning = Assert.Single(logs.Entries, e => e.Level == LogLevel.Warning);
        // The exception's type only (the SDK's RequestFailedException around the refused connection), never its message.
        Assert.Matches(@"failed with \w+Exception;", warning.Message);
        Assert.DoesNotContain("Connection refused", warning.Text);
        Assert.Null(warning.Exception);

        line.Cut = false;
        var direct = new TableClient(azurite.ConnectionString, tableName);
        Assert.Empty(direct.Query<TableEntity>().ToList());
        bot.Clock.Advance(BoardRolesRecorder.RetryEvery);
        var until = DateTime.UtcNow.AddSeconds(10);
        while (!direct.Query<TableEntity>(e => e.PartitionKey == BoardRolesStore.Partition).Any())
        {
            Assert.True(DateTime.UtcNow < until, "the roles were not stored after storage came back");
            await Task.Delay(20);
        }
        await bot.Recorder.StopAsync(default);
        Assert.Equal(FirstStart + BoardRolesRecorder.RetryEvery, (await bot.Store.GetAsync(default))!.ConfiguredAt);
    }

    [Fact]
    public async Task The_real_bot_stores_its_configured_roles_when_it_starts()
    {
        await using var host = TestBotHost.Start(azurite);

        var table = host.Services.GetRequiredService<TableClient>();
        var row = await table.GetEntityIfExistsAsync<TableEntity>(BoardRolesStore.Partition, BoardRolesStore.Row);
        Assert.True(row.HasValue);
        var stored = await host.Services.GetRequiredService<BoardRolesStore>().GetAsync(default);
        Assert.Contains("00000000-0000-0000-0000-0000000000021", stored!.Roles.Roles.Single(r => r.Key == "partner:la").Ids);
    }
}
