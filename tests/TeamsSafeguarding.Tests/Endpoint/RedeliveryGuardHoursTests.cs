using System.Text.Json.Nodes;
using Azure.Data.Tables;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;
using TeamsSafeguarding.Storage;
using TeamsSafeguarding.Teams;
using TeamsSafeguarding.Tests.Support;
using Xunit;

namespace TeamsSafeguarding.Tests.Endpoint;

/// <summary>
/// Redelivery guards are kept by the hour they were claimed: a redelivery just after the hour turns is still caught, and
/// the sweep reads only the hours that are due (with the answers their guards kept), never the rest of the table.
/// </summary>
[Collection("Azurite")]
public sealed class RedeliveryGuardHoursTests(AzuriteFixture azurite)
{
    private const string Conversation = "19:channel@thread.tacv2;messageid=1";

    [Fact]
    public async Task A_redelivery_just_after_the_hour_turns_is_still_caught_and_gets_the_first_answer()
    {
        var clock = new FakeTimeProvider(new DateTimeOffset(2026, 3, 2, 10, 59, 50, TimeSpan.Zero));
        var guards = new TableActivityDeduplicator(azurite.NewTable("hourturn"), clock);
        Assert.True(await guards.TryClaimAsync(Conversation, "click-1", default));
        var card = new InvokeResponse(200, new JsonObject { ["type"] = InvokeResponse.CardType, ["value"] = "first" }) { KeepWith = "case|abc" };
        await guards.RememberResponseAsync(Conversation, "click-1", card, default);

        clock.Advance(TimeSpan.FromSeconds(20)); // 11:00:10
        Assert.False(await guards.TryClaimAsync(Conversation, "click-1", default));
        Assert.Equal(card.Body!.ToJsonString(), (await guards.FindResponseAsync(Conversation, "click-1", default))!.Body!.ToJsonString());
        Assert.True(await guards.TryClaimAsync(Conversation, "click-2", default));
    }

    [Fact]
    public async Task The_sweep_reads_only_the_hours_that_are_due_and_removes_their_kept_answers()
    {
        var counting = new CountingTable(azurite.ConnectionString, azurite.NewTableName("guardsweep"));
        var clock = new FakeTimeProvider(new DateTimeOffset(2026, 3, 2, 8, 30, 0, TimeSpan.Zero));
        var guards = new TableActivityDeduplicator(counting.Client, clock);
        var card = new InvokeResponse(200, new JsonObject { ["type"] = InvokeResponse.CardType }) { KeepWith = "case|abc" };
        for (var hour = 0; hour < 4; hour++) // 08:30, 09:30, 10:30, 11:30
        {
            Assert.True(await guards.TryClaimAsync(Conversation, $"click-{hour}", default));
            await guards.RememberResponseAsync(Conversation, $"click-{hour}", card, default);
            if (hour < 3) clock.Advance(TimeSpan.FromHours(1));
        }
        for (var i = 0; i < 20; i++) await counting.Client.AddEntityAsync(new TableEntity($"case|other{i}", "case"));
        counting.Reset();

        clock.Advance(TimeSpan.FromMinutes(10)); // 11:40: an hour ago was 10:40, so the hours 08 and 09 are due
        var removed = await new DedupeSweeper(counting.Client, clock, NullLogger<DedupeSweeper>.Instance).SweepOnceAsync(default);

        Assert.Equal(4, removed); // two guards and their two answers
        var query = Assert.Single(counting.Requests, r => r.Contains("$filter", StringComparison.Ordinal));
        Assert.Contains("PartitionKey lt 'dedupe|2026030210'", query);
        Assert.DoesNotContain(counting.Requests, r => r.Contains("other", StringComparison.Ordinal));
        var left = counting.Client.Query<TableEntity>().Where(r => !r.PartitionKey.StartsWith("case|other", StringComparison.Ordinal)).ToList();
        Assert.Equal(["2026030210", "2026030211"], left.Where(r => r.PartitionKey.StartsWith("dedupe|")).Select(r => r.PartitionKey.Split('|')[1]).Order());
        Assert.Equal(2, left.Count(r => r.PartitionKey == "case|abc"));
    }
}
