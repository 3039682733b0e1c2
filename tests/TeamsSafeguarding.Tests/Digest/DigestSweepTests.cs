using Azure.Data.Tables;
using Microsoft.Extensions.DependencyInjection;
using TeamsSafeguarding.Digest;
using TeamsSafeguarding.Outbox;
using TeamsSafeguarding.Scheduling;
using TeamsSafeguarding.Tests.Cards;
using TeamsSafeguarding.Tests.Endpoint;
using TeamsSafeguarding.Tests.Measures;
using TeamsSafeguarding.Tests.Support;
using TeamsSafeguarding.Tests.Triage;
using Xunit;

namespace TeamsSafeguarding.Tests.Digest;

/// <summary>The coordinators' morning digest: once a day whatever the instances and restarts, silent with nothing due, cheap until due.</summary>
[Collection("Azurite")]
public sealed class DigestSweepTests(AzuriteFixture azurite)
{
    private static DateTimeOffset London(int month, int day, int hour, int minute = 0) => new(2026, month, day, hour, minute, 0, TimeSpan.FromHours(1));

    private static async Task<IReadOnlyList<OutboundMessage>> DigestOutboxAsync(TableClient table)
    {
        var messages = new List<OutboundMessage>();
        var filter = TableClient.CreateQueryFilter($"PartitionKey eq {DigestSweep.Partition} and RowKey ge {OutboxRow.Prefix} and RowKey lt {"outbox}"}");
        await foreach (var row in table.QueryAsync<TableEntity>(filter)) messages.Add(OutboxRow.Read(row));
        return messages;
    }

    [Fact]
    public async Task Two_instances_post_one_digest_a_day_and_a_restart_or_a_retry_posts_no_second()
    {
        var table = azurite.NewTable("digesttwo");
        var one = new BoardHarness(table);
        await new SeededYear(one).SeedUntilAsync(London(6, 29, 12)); // B, C, D waiting on meetings and partners; E waiting for triage
        using var other = BotServices.Create(table, one.Clock, one.Board);
        DigestSweep Sweep(IServiceProvider services) => services.GetRequiredService<DigestSweep>();
        await Task.WhenAll(Sweep(one.Services).ScheduleNextAsync(default), Sweep(other).ScheduleNextAsync(default)); // both start

        // Tuesday 30 June, 08:59: not yet. 09:00: both instances sweep at once.
        one.Clock.SetUtcNow(London(6, 30, 8, 59));
        Assert.Equal(DigestSweep.Outcome.NotDue, (await Sweep(other).SweepOnceAsync(default)).Outcome);
        one.Clock.SetUtcNow(London(6, 30, 9));
        var results = await Task.WhenAll(Sweep(one.Services).SweepOnceAsync(default), Sweep(other).SweepOnceAsync(default));

        Assert.Contains(results, r => r.Outcome == DigestSweep.Outcome.Posted);
        Assert.All(results, r => Assert.Equal(0, r.Failed));
        var posted = await DigestOutboxAsync(table);
        var digest = Assert.Single(posted, m => m.Target == DeliveryTarget.ToChannel(BoardHarness.CoordinatorsChannel));
        var card = BoardHarness.CardOf(digest);
        CardSchema.AssertValid(card);
        var text = card.ToJsonString();
        Assert.Contains("Deadline digest: 30 June 2026", text);
        Assert.Contains("Meetings not yet booked (2)", text);         // B and C
        Assert.Contains("Due soon (1)", text);                         // E, received on Monday 29th: triage due 1 July
        Assert.DoesNotContain("Waiting for triage", text);
        Assert.Contains("Overdue (1)", text);                          // D: the partners' decision was due 17 June
        // The chair, who gives the casting decision, is reminded personally about D; no one is asked about triage yet.
        Assert.Equal([DeliveryTarget.ToUser(BoardHarness.Chair)], posted.Where(m => m.Target.Kind == TargetKind.User).Select(m => m.Target));

        // Later that morning both instances restart: they schedule tomorrow's, and sweep; nothing more is sent today.
        one.Clock.SetUtcNow(London(6, 30, 10));
        await Sweep(one.Services).ScheduleNextAsync(default);
        Assert.Equal(DigestSweep.Outcome.NotDue, (await Sweep(other).SweepOnceAsync(default)).Outcome);
        // An instance that crashed after posting but before removing today's visit tries it again: the day's marker stops it.
        await new DueIndex(table).ScheduleAsync(DigestSweep.Kind, DigestSweep.Subject, London(6, 30, 9), default);
        Assert.Equal(DigestSweep.Outcome.AlreadyPosted, (await Sweep(one.Services).SweepOnceAsync(default)).Outcome);
        Assert.Equal(posted.Count, (await DigestOutboxAsync(table)).Count);

        // Thursday 2 July at 09:00 (the bot was down on Wednesday): the day's digest, with E now waiting for triage too long
        // and a reminder to the deputy board manager, who must act.
        one.Clock.SetUtcNow(London(7, 2, 9, 0));
        Assert.Equal(DigestSweep.Outcome.Posted, (await Sweep(other).SweepOnceAsync(default)).Outcome);
        var thursday = (await DigestOutboxAsync(table)).Skip(posted.Count).ToList();
        Assert.Contains(thursday, m => m.Target == DeliveryTarget.ToUser(BoardHarness.Dbm)
            && BoardHarness.CardOf(m).ToJsonString().Contains("Referrals waiting for triage"));
    }

    [Fact]
    public async Task With_nothing_due_the_digest_says_nothing_and_a_pass_before_nine_reads_only_the_due_index()
    {
        var counting = new CountingTable(azurite.ConnectionString, azurite.NewTableName("digestquiet"));
        var board = new BoardHarness(counting.Client);
        var sweep = board.Services.GetRequiredService<DigestSweep>();
        board.Clock.SetUtcNow(new DateTimeOffset(2026, 3, 3, 7, 0, 0, TimeSpan.Zero)); // Tuesday 3 March, 07:00 GMT
        await sweep.ScheduleNextAsync(default);

        counting.Reset();
        Assert.Equal(DigestSweep.Outcome.NotDue, (await sweep.SweepOnceAsync(default)).Outcome);
        Assert.Contains($"PartitionKey eq '{DueIndex.PartitionOf(DigestSweep.Kind)}'", Assert.Single(counting.Requests));

        board.Clock.SetUtcNow(new DateTimeOffset(2026, 3, 3, 9, 0, 0, TimeSpan.Zero));
        Assert.Equal(DigestSweep.Outcome.NothingDue, (await sweep.SweepOnceAsync(default)).Outcome);
        Assert.Empty(await DigestOutboxAsync(counting.Client));
        Assert.True((await counting.Client.GetEntityIfExistsAsync<TableEntity>(DigestSweep.Partition, DigestSweep.MarkerRow(new(2026, 3, 3)))).HasValue);
        // The next visit is Wednesday at 09:00.
        Assert.Single(await new DueIndex(counting.Client).DueAsync(DigestSweep.Kind, new DateTimeOffset(2026, 3, 4, 9, 0, 0, TimeSpan.Zero), default));
    }
}
