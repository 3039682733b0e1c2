using TeamsSafeguarding.Cases;
using TeamsSafeguarding.Outbox;
using TeamsSafeguarding.Storage;
using TeamsSafeguarding.Tests.Support;
using Xunit;

namespace TeamsSafeguarding.Tests.Cases;

[Collection("Azurite")]
public sealed class CaseReferenceCounterTests(AzuriteFixture azurite)
{
    [Fact]
    public async Task Parallel_allocations_never_share_a_number_and_leave_no_gaps()
    {
        var table = azurite.NewTable("counter");
        var store = new CaseStore(table);

        var numbers = await Task.WhenAll(Enumerable.Range(0, 20).Select(_ => Task.Run(() => store.NextSequenceAsync(2026, default))));

        Assert.Equal(Enumerable.Range(1, 20), numbers.Order());
        Assert.Equal(1, await store.NextSequenceAsync(2027, default)); // each year starts again
    }

    [Fact]
    public async Task Two_instances_taking_numbers_in_turn_never_share_one()
    {
        // Each instance remembers the counter as it last wrote it: the other's numbers in between make that copy old.
        var table = azurite.NewTable("counter");
        CaseStore[] instances = [new(table), new(table)];

        var numbers = await Task.WhenAll(Enumerable.Range(0, 30).Select(i => Task.Run(() => instances[i % 2].NextSequenceAsync(2026, default))));
        numbers = [.. numbers, await instances[0].NextSequenceAsync(2026, default), await instances[1].NextSequenceAsync(2026, default)];

        Assert.Equal(Enumerable.Range(1, 32), numbers.Order());
    }

    [Fact]
    public async Task A_reference_can_be_claimed_once()
    {
        var table = azurite.NewTable("claim");
        var store = new CaseStore(table);
        var caseId = CaseStore.NewCaseId();

        Assert.True(await store.ClaimReferenceAsync("SAB-2026-0001", caseId, default));
        Assert.False(await store.ClaimReferenceAsync("sab-2026-0001", CaseStore.NewCaseId(), default));
        Assert.Equal(caseId, await store.FindCaseIdAsync(" sab-2026-0001 ", default));
    }

    [Theory]
    [InlineData("0123456789abcdef0123456789abcdef", true)]
    [InlineData("0123456789abcdef0123456789abcde", false)]
    [InlineData("../../etc/passwd0123456789abcdef", false)]
    [InlineData("", false)]
    [InlineData(null, false)]
    public void Only_our_own_case_ids_are_accepted(string? id, bool ok) => Assert.Equal(ok, CaseStore.IsCaseId(id));
}
