using TeamsSafeguarding.Escalation.Cases;
using TeamsSafeguarding.Tests.Support;
using TeamsSafeguarding.Tests.Triage;
using Xunit;

namespace TeamsSafeguarding.Tests.Cases;

/// <summary>
/// The case log reads back in the order its lines were written, even when the clock stands still (as in tests, or two
/// commits within one tick): the log viewer pages it by that order, so a line written while someone reads must land
/// at the end, never in a page they have already read.
/// </summary>
[Collection("Azurite")]
public sealed class CaseLogOrderTests(AzuriteFixture azurite)
{
    [Fact]
    public async Task Lines_written_by_separate_commands_in_one_instant_read_back_in_the_order_written()
    {
        var board = new BoardHarness(azurite.NewTable("logorder")); // its clock does not move
        var record = await board.SeedReceivedAsync();

        for (var i = 1; i <= 20; i++)
        {
            var n = i;
            await board.Commands.RunAsync(record.CaseId, CaseActor.System, [], (_, writes) => writes.Log(CaseActions.LogViewed, $"line {n:00}"),
                () => (TeamsSafeguarding.Cases.CaseWrites?)null, default);
        }

        var lines = (await board.Cases.GetLogAsync(record.CaseId, default)).Where(l => l.Action == CaseActions.LogViewed).Select(l => l.Detail).ToList();
        Assert.Equal(Enumerable.Range(1, 20).Select(i => $"line {i:00}"), lines);
    }
}
