using System.Text.Json;
using Azure.Data.Tables;
using Microsoft.Extensions.DependencyInjection;
using TeamsSafeguarding.Cases;
using TeamsSafeguarding.Escalation.Cases;
using TeamsSafeguarding.Register;
using TeamsSafeguarding.Retention;
using TeamsSafeguarding.Tests.Measures;
using TeamsSafeguarding.Tests.Support;
using TeamsSafeguarding.Tests.Triage;
using Xunit;

namespace TeamsSafeguarding.Tests.Retention;

/// <summary>
/// Closed cases deleted after the profile's years (6 by default), legal holds by a board admin, the tombstone left in the
/// board's log; on a fake clock, and with two instances sweeping at once.
/// </summary>
[Collection("Azurite")]
public sealed class RetentionTests(AzuriteFixture azurite)
{
    private const string Admin = "admin-1";

    private static BoardHarness Board(TableClient table) => new(table, b => b.BoardAdmins = [Admin]);

    private static async Task<List<TableEntity>> PartitionAsync(TableClient table, string caseId)
    {
        var rows = new List<TableEntity>();
        await foreach (var row in table.QueryAsync<TableEntity>(TableClient.CreateQueryFilter($"PartitionKey eq {CaseRow.PartitionOf(caseId)}"))) rows.Add(row);
        return rows;
    }

    private static async Task<string> TypeAsync(BoardHarness board, string who, string text) =>
        (await board.TypeAsync(who, text, $"{BoardHarness.CoordinatorsChannel};messageid={Guid.NewGuid():N}"))
            .Single(m => m.Target.Kind == TeamsSafeguarding.Outbox.TargetKind.Conversation).Activity.Text!;

    [Fact]
    public async Task A_closed_case_goes_six_years_after_closure_leaving_a_tombstone_and_a_held_one_stays_until_released()
    {
        var table = azurite.NewTable("retention");
        var board = Board(table);
        var year = new SeededYear(board);
        await year.SeedAsync();
        var (a, g) = (year.CaseIds['A'], year.CaseIds['G']);
        var sweep = board.Services.GetRequiredService<RetentionSweep>();

        // The board admin holds G (closed 15 January 2027) in 2030; a coordinator may not.
        board.Clock.SetUtcNow(new DateTimeOffset(2030, 2, 1, 10, 0, 0, TimeSpan.Zero));
        Assert.Equal(LegalHoldCommand.Refused, await TypeAsync(board, BoardHarness.Coordinator, "hold SAB-2027-0007"));
        Assert.Contains(await board.Cases.GetLogAsync(g, default), l => l.Action == CaseActions.AccessRefused && l.ActorKey == BoardHarness.Coordinator);
        Assert.StartsWith("Case SAB-2027-0007 is on legal hold", await TypeAsync(board, Admin, "hold SAB-2027-0007"));
        Assert.Equal("Case SAB-2027-0007 is already on legal hold.", await TypeAsync(board, Admin, "hold SAB-2027-0007"));

        // A closed on 9 April 2026: still there the day before its sixth anniversary.
        board.Clock.SetUtcNow(new DateTimeOffset(2032, 4, 9, 8, 0, 0, TimeSpan.Zero));
        Assert.Equal(new RetentionSweep.SweepResult(0), await sweep.SweepOnceAsync(default));
        Assert.NotNull(await board.Cases.GetAsync(a, default));

        board.Clock.SetUtcNow(new DateTimeOffset(2032, 4, 9, 10, 0, 0, TimeSpan.Zero));
        Assert.Equal(new RetentionSweep.SweepResult(1), await sweep.SweepOnceAsync(default));
        Assert.Empty(await PartitionAsync(table, a));
        Assert.Null(await board.Cases.FindCaseIdAsync("SAB-2026-0001", default));
        Assert.DoesNotContain(await board.Services.GetRequiredService<RegisterIndex>().ReadAsync(false, default), e => e.CaseId == a);
        var tombstone = (await table.GetEntityAsync<TableEntity>(Tombstones.Partition, Tombstones.Prefix + a)).Value;
        Assert.Equal("SAB-2026-0001", tombstone.GetString("Reference"));
        Assert.Equal(SeededYear.London(2026, 4, 9), tombstone.GetDateTimeOffset("ClosedAt"));
        Assert.Equal(SeededYear.London(2026, 4, 2), tombstone.GetDateTimeOffset("ReceivedAt"));
        Assert.Equal(6, tombstone.GetInt32("RetentionYears"));
        Assert.Equal("[]", tombstone.GetString("Holds"));
        // Nothing personal: only these properties (reference, dates, holds), and no name the year used.
        Assert.Equal(["Action", "ClosedAt", "DeletedAt", "Holds", "ReceivedAt", "Reference", "RetentionYears"],
            tombstone.Keys.Where(k => k is not ("PartitionKey" or "RowKey" or "Timestamp" or "odata.etag")).Order(StringComparer.Ordinal));

        // G's six years are up in January 2033, but it is held: it stays.
        board.Clock.SetUtcNow(new DateTimeOffset(2033, 2, 1, 10, 0, 0, TimeSpan.Zero));
        Assert.Equal(new RetentionSweep.SweepResult(0), await sweep.SweepOnceAsync(default));
        Assert.NotNull(await board.Cases.GetAsync(g, default));

        // Released in March 2034: its period is over, so it goes at the next sweep, and the tombstone names who held and released it.
        board.Clock.SetUtcNow(new DateTimeOffset(2034, 3, 1, 10, 0, 0, TimeSpan.Zero));
        Assert.Contains("will now be deleted", await TypeAsync(board, Admin, "release SAB-2027-0007"));
        Assert.Equal(new RetentionSweep.SweepResult(1), await sweep.SweepOnceAsync(default));
        Assert.Empty(await PartitionAsync(table, g));
        var held = JsonDocument.Parse((await table.GetEntityAsync<TableEntity>(Tombstones.Partition, Tombstones.Prefix + g)).Value.GetString("Holds")!).RootElement;
        Assert.Equal(["Set", "Released"], held.EnumerateArray().Select(h => h.GetProperty("change").GetString()));
        Assert.All(held.EnumerateArray(), h => Assert.Equal((Admin, "BoardAdmin"), (h.GetProperty("byKey").GetString(), h.GetProperty("byRole").GetString())));

        // The open cases are untouched.
        Assert.NotNull(await board.Cases.GetAsync(year.CaseIds['B'], default));
    }

    [Fact]
    public async Task Two_instances_sweeping_at_once_delete_the_case_once_and_leave_one_tombstone()
    {
        var table = azurite.NewTable("retentiontwo");
        var one = Board(table);
        var year = new SeededYear(one);
        await year.SeedUntilAsync(SeededYear.London(2026, 4, 13, 12));
        using var other = BotServices.Create(table, one.Clock, one.Board);
        one.Clock.SetUtcNow(new DateTimeOffset(2032, 4, 10, 10, 0, 0, TimeSpan.Zero));

        var results = await Task.WhenAll(one.Services.GetRequiredService<RetentionSweep>().SweepOnceAsync(default),
            other.GetRequiredService<RetentionSweep>().SweepOnceAsync(default));

        Assert.Equal(1, results.Sum(r => r.Deleted));
        Assert.All(results, r => Assert.Equal(0, r.Failed));
        Assert.Empty(await PartitionAsync(table, year.CaseIds['A']));
        Assert.Single(await one.Services.GetRequiredService<Tombstones>().ReadAllAsync(default));
        // The open case B is untouched, and nothing is left to do.
        Assert.NotNull(await one.Cases.GetAsync(year.CaseIds['B'], default));
        Assert.Empty(await new TeamsSafeguarding.Scheduling.DueIndex(table).DueAsync(RetentionClock.Kind, one.Clock.GetUtcNow().AddYears(1), default));
    }
}
