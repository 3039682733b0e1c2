using System.Text.Json.Nodes;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;
using TeamsSafeguarding.Partners;
using TeamsSafeguarding.Scheduling;
using TeamsSafeguarding.Tests.Endpoint;
using TeamsSafeguarding.Tests.Support;
using TeamsSafeguarding.Tests.Triage;
using Xunit;

namespace TeamsSafeguarding.Tests.Scheduling;

/// <summary>Scheduled work by due time: a pass reads only what has fallen due, and each item is done once.</summary>
[Collection("Azurite")]
public sealed class DueIndexTests(AzuriteFixture azurite)
{
    private static readonly DateTimeOffset Now = new(2026, 3, 2, 10, 0, 0, TimeSpan.Zero);

    [Fact]
    public async Task Only_work_that_has_fallen_due_and_is_not_leased_is_returned_earliest_first()
    {
        var index = new DueIndex(azurite.NewTable("due"));
        await index.ScheduleAsync("reminders", "case-b", Now.AddMinutes(-5), default);
        await index.ScheduleAsync("reminders", "case-a", Now.AddHours(-1), default);
        await index.ScheduleAsync("reminders", "case-c", Now.AddSeconds(1), default);
        await index.ScheduleAsync("other", "case-d", Now.AddHours(-1), default);
        await index.ScheduleAsync("reminders", "case-a", Now.AddHours(-1), default); // scheduled twice: one row

        var due = await index.DueAsync("reminders", Now, default);

        Assert.Equal(["case-a", "case-b"], due.Select(d => d.Subject));
        Assert.NotNull(await index.TryLeaseAsync(due[0], Now, TimeSpan.FromMinutes(5), default));
        Assert.Null(await index.TryLeaseAsync(due[0], Now, TimeSpan.FromMinutes(5), default)); // someone was first
        Assert.Equal(["case-b"], (await index.DueAsync("reminders", Now, default)).Select(d => d.Subject));
        // Once the lease has run out, case-a is due again (with case-c, whose time has come by then).
        Assert.Equal(["case-a", "case-b", "case-c"], (await index.DueAsync("reminders", Now.AddMinutes(6), default)).Select(d => d.Subject));
    }

    [Fact]
    public async Task Two_instances_working_the_same_index_do_each_item_once()
    {
        var table = azurite.NewTable("duetwo");
        var clock = new FakeTimeProvider(Now);
        var index = new DueIndex(table);
        for (var i = 0; i < 30; i++) await index.ScheduleAsync("work", $"case-{i:00}", Now.AddMinutes(-i), default);
        var done = new System.Collections.Concurrent.ConcurrentBag<string>();
        Task<int> Instance() => new DueWork(new DueIndex(table), clock).RunAsync("work", async (subject, ct) =>
        {
            done.Add(subject);
            await Task.Yield();
        }, NullLogger.Instance, "Test sweep", default);

        var failed = await Task.WhenAll(Instance(), Instance());

        Assert.Equal([0, 0], failed);
        Assert.Equal(30, done.Count);
        Assert.Equal(30, done.Distinct().Count());
        Assert.Empty(await index.DueAsync("work", Now.AddDays(1), default));
    }

    [Fact]
    public async Task Work_that_fails_stays_and_is_tried_again_after_its_lease_while_the_rest_is_done()
    {
        var clock = new FakeTimeProvider(Now);
        var index = new DueIndex(azurite.NewTable("duefail"));
        foreach (var subject in new[] { "bad", "good-1", "good-2" }) await index.ScheduleAsync("work", subject, Now, default);
        var done = new List<string>();

        var failed = await new DueWork(index, clock).RunAsync("work", (subject, _) =>
        {
            if (subject == "bad") throw new InvalidDataException("unreadable");
            done.Add(subject);
            return Task.CompletedTask;
        }, NullLogger.Instance, "Test sweep", default);

        Assert.Equal(1, failed);
        Assert.Equal(["good-1", "good-2"], done);
        Assert.Empty(await index.DueAsync("work", Now.AddMinutes(1), default));
        Assert.Equal(["bad"], (await index.DueAsync("work", Now + DueWork.Lease, default)).Select(d => d.Subject));
    }

    [Fact]
    public async Task A_deadline_pass_with_nothing_due_reads_the_due_index_once_and_no_case()
    {
        var counting = new CountingTable(azurite.ConnectionString, azurite.NewTableName("duecost"));
        var board = new BoardHarness(counting.Client);
        var cases = new List<string>();
        for (var i = 0; i < 20; i++)
        {
            var record = await board.SeedReceivedAsync();
            await board.ClickAsync(BoardHarness.Dbm, "triage.send", BoardHarness.AllChecks("Met", record.CaseId));
            cases.Add(record.CaseId);
        }
        counting.Reset();

        // Sent Monday 2 March: the first reminder is due at 09:00 on Friday 6 March; nothing is due on the Thursday.
        board.Clock.SetUtcNow(new DateTimeOffset(2026, 3, 5, 17, 0, 0, TimeSpan.Zero));
        Assert.Equal(new PartnerDeadlines.SweepResult(0, 0, 0), await board.Deadlines.SweepOnceAsync(default));

        var request = Assert.Single(counting.Requests);
        Assert.Contains($"PartitionKey eq '{DueIndex.PartitionOf(PartnersClock.Kind)}'", request);
        Assert.DoesNotContain(counting.Requests, r => r.Contains("case|"));

        // On the Friday morning every case is visited, once, and scheduled again for its next deadline.
        board.Clock.SetUtcNow(new DateTimeOffset(2026, 3, 6, 9, 0, 0, TimeSpan.Zero));
        Assert.Equal(new PartnerDeadlines.SweepResult(0, 0, 20), await board.Deadlines.SweepOnceAsync(default));
        Assert.Equal(new PartnerDeadlines.SweepResult(0, 0, 0), await board.Deadlines.SweepOnceAsync(default));
        var next = await new DueIndex(counting.Client).DueAsync(PartnersClock.Kind, new DateTimeOffset(2026, 3, 13, 9, 0, 0, TimeSpan.Zero), default);
        Assert.Equal(cases.Order(), next.Select(d => d.Subject).Order());
    }
}
