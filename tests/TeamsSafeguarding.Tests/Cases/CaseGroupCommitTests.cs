using Azure;
using Azure.Data.Tables;
using TeamsSafeguarding.Cases;
using TeamsSafeguarding.Conversations;
using TeamsSafeguarding.Escalation.Cases;
using TeamsSafeguarding.Outbox;
using TeamsSafeguarding.Tests.Endpoint;
using TeamsSafeguarding.Tests.Support;
using TeamsSafeguarding.Tests.Triage;
using Xunit;

namespace TeamsSafeguarding.Tests.Cases;

/// <summary>
/// Commands that arrive while their case is busy are decided together when its turn comes: each on what the one before
/// it left, all committed in one transaction (one read and one commit for a burst of clicks, not one each). Each still
/// gets its own answer, a command that fails fails alone, and nothing is lost when the group is too big for one commit.
/// Against Azurite, counting the transactions the bot sends.
/// </summary>
[Collection("Azurite")]
public sealed class CaseGroupCommitTests(AzuriteFixture azurite)
{
    private const string Tally = "tally";

    [Fact]
    public async Task Commands_waiting_for_a_busy_case_are_decided_in_turn_and_committed_in_one_transaction()
    {
        var (board, storage) = Board("groupone");
        var record = await board.SeedReceivedAsync();
        using var hold = new Hold();

        var first = await hold.FirstAsync(inside => CountAsync(board, record.CaseId, "first", inside));
        var waiting = new List<Task<int>>();
        foreach (var name in new[] { "second", "third", "fourth", "fifth" })
        {
            waiting.Add(await QueueAsync(board, record.CaseId, () => CountAsync(board, record.CaseId, name)));
        }
        var batchesBefore = storage.Batches;
        hold.Release();

        Assert.Equal(1, await first);
        Assert.Equal(new[] { 2, 3, 4, 5 }, await Task.WhenAll(waiting));
        Assert.Equal(2, storage.Batches - batchesBefore); // the first command's, then one for the four that waited
        Assert.Equal(5, (await board.Cases.GetRowAsync(record.CaseId, Tally, default))!.GetInt32("Count"));
        Assert.Equal(["first", "second", "third", "fourth", "fifth"], await LinesAsync(board, record.CaseId));
        await Until(() => board.Commands.CasesTakingTurns == 0); // the case's turns end once nothing waits
    }

    [Fact]
    public async Task A_caller_who_gives_up_while_waiting_is_withdrawn_and_their_command_never_runs()
    {
        var (board, _) = Board("groupcancel");
        var record = await board.SeedReceivedAsync();
        using var hold = new Hold();
        using var giveUp = new CancellationTokenSource();

        var first = await hold.FirstAsync(inside => CountAsync(board, record.CaseId, "first", inside));
        var gaveUp = await QueueAsync(board, record.CaseId, () => CountAsync(board, record.CaseId, "gave up", ct: giveUp.Token));
        var second = await QueueAsync(board, record.CaseId, () => CountAsync(board, record.CaseId, "second"));
        giveUp.Cancel();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => gaveUp);
        hold.Release();

        Assert.Equal(1, await first);
        Assert.Equal(2, await second);
        Assert.Equal(["first", "second"], await LinesAsync(board, record.CaseId));
    }

    [Fact]
    public async Task A_command_that_throws_in_a_group_fails_alone_and_the_others_are_kept()
    {
        var (board, _) = Board("groupthrow");
        var record = await board.SeedReceivedAsync();
        using var hold = new Hold();

        var first = await hold.FirstAsync(inside => CountAsync(board, record.CaseId, "first", inside));
        var second = await QueueAsync(board, record.CaseId, () => CountAsync(board, record.CaseId, "second"));
        var broken = await QueueAsync(board, record.CaseId, () => CountAsync(board, record.CaseId, "broken", () => throw new InvalidOperationException("a fault in one decision")));
        var third = await QueueAsync(board, record.CaseId, () => CountAsync(board, record.CaseId, "third"));
        hold.Release();

        Assert.Equal(1, await first);
        Assert.Equal(2, await second);
        var fault = await Assert.ThrowsAsync<InvalidOperationException>(() => broken);
        Assert.Equal("a fault in one decision", fault.Message);
        Assert.Equal(3, await third);
        Assert.Equal(["first", "second", "third"], await LinesAsync(board, record.CaseId));
    }

    [Fact]
    public async Task A_group_storage_refuses_is_committed_one_by_one_so_only_the_command_at_fault_fails()
    {
        var (board, _) = Board("grouprefused");
        var record = await board.SeedReceivedAsync();
        using var hold = new Hold();

        var first = await hold.FirstAsync(inside => CountAsync(board, record.CaseId, "first", inside));
        // A property over Table Storage's 64 KB limit: the whole transaction is refused (400), not just this row.
        var oversized = await QueueAsync(board, record.CaseId, () => board.Commands.RunAsync(record.CaseId, CaseActor.System, [], (_, writes) =>
        {
            writes.Put(new TableEntity(CaseRow.PartitionOf(record.CaseId), "oversized") { ["Text"] = new string('x', 40_000) });
            writes.Log(CaseActions.LogViewed, "oversized");
            return "written";
        }, () => "missing", default));
        var second = await QueueAsync(board, record.CaseId, () => CountAsync(board, record.CaseId, "second"));
        hold.Release();

        Assert.Equal(1, await first);
        var refused = await Assert.ThrowsAnyAsync<RequestFailedException>(() => oversized);
        Assert.Equal(400, refused.Status);
        Assert.Equal(2, await second);
        Assert.Equal(["first", "second"], await LinesAsync(board, record.CaseId));
        Assert.Null(await board.Cases.GetRowAsync(record.CaseId, "oversized", default));
    }

    [Fact]
    public async Task Commands_too_many_for_one_transaction_wait_for_the_next_and_none_is_lost()
    {
        var (board, storage) = Board("groupsplit");
        var record = await board.SeedReceivedAsync();
        using var hold = new Hold();

        var first = await hold.FirstAsync(inside => CountAsync(board, record.CaseId, "first", inside));
        // Each writes the tally and 30 log lines: three fit in one transaction of 100 actions, the fourth does not.
        var waiting = new List<Task<int>>();
        for (var n = 0; n < 4; n++)
        {
            var name = $"bulk{n}";
            waiting.Add(await QueueAsync(board, record.CaseId, () => CountAsync(board, record.CaseId, name, lines: 30)));
        }
        var batchesBefore = storage.Batches;
        hold.Release();

        Assert.Equal(1, await first);
        Assert.Equal(new[] { 2, 3, 4, 5 }, await Task.WhenAll(waiting));
        Assert.Equal(3, storage.Batches - batchesBefore); // the first; three that fit; the fourth
        Assert.Equal(1 + 4 * 30, (await LinesAsync(board, record.CaseId)).Count);
    }

    [Fact]
    public async Task Commands_after_one_that_deletes_the_case_in_the_same_group_are_told_it_is_gone()
    {
        var (board, _) = Board("groupdelete");
        var record = await board.SeedReceivedAsync();
        using var hold = new Hold();

        var first = await hold.FirstAsync(inside => CountAsync(board, record.CaseId, "first", inside));
        var delete = await QueueAsync(board, record.CaseId, () => board.Commands.RunAsync(record.CaseId, CaseActor.System, [], (_, writes) =>
        {
            writes.DeleteCase();
            return "deleted";
        },
            () => "missing", default));
        var after = await QueueAsync(board, record.CaseId, () => board.Commands.RunAsync(record.CaseId, CaseActor.System, [Tally], (_, _) => "found", () => "missing", default));
        hold.Release();

        Assert.Equal(1, await first);
        Assert.Equal("deleted", await delete);
        Assert.Equal("missing", await after);
        Assert.Null(await board.Cases.GetAsync(record.CaseId, default));
    }

    [Fact]
    public async Task Of_a_cards_updates_in_one_group_only_the_last_is_stored_unless_a_new_post_of_it_comes_between()
    {
        var (board, _) = Board("groupcards");
        var record = await board.SeedReceivedAsync();
        using var hold = new Hold();

        var first = await hold.FirstAsync(inside => SendAsync(board, record.CaseId, Update("card", "first"), inside));
        var messages = new[]
        {
            Update("card", "replaced by the second"), Update("card", "second: sent to the old copy"),
            new OutboundMessage(DeliveryTarget.ToChannel("19:channel"), Replies.Text("a new post of the card"), "card"),
            Update("other", "the other card's only update"), Update("card", "replaced by the last"), Update("card", "last"),
        };
        var waiting = new List<Task<int>>();
        foreach (var message in messages)
        {
            waiting.Add(await QueueAsync(board, record.CaseId, () => SendAsync(board, record.CaseId, message)));
        }
        hold.Release();
        await first;
        await Task.WhenAll(waiting);

        var stored = (await board.OutboxAsync(record.CaseId)).Select(m => m.Activity.Text).ToList();
        Assert.Equal(["first", "second: sent to the old copy", "a new post of the card", "the other card's only update", "last"], stored);
    }

    private static OutboundMessage Update(string card, string text) => new(DeliveryTarget.UpdateOf(card), Replies.Text(text));

    private static Task<int> SendAsync(BoardHarness board, string caseId, OutboundMessage message, Action? whileDeciding = null) =>
        board.Commands.RunAsync(caseId, CaseActor.System, [], (_, writes) =>
        {
            whileDeciding?.Invoke();
            writes.Send(message);
            return 0;
        }, () => -1, default);


    /// <summary>
    /// Keeps the case busy: the first command calls the action it is given from its decision and stays there until
    /// <see cref="Release"/>, so the commands queued meanwhile wait for one turn together. Disposing releases it too, so
    /// a failed test leaves no thread waiting.
    /// </summary>
    private sealed class Hold : IDisposable
    {
        private readonly SemaphoreSlim _inside = new(0);
        private readonly ManualResetEventSlim _release = new();

        /// <summary>Starts the first command and returns once it is inside its decision.</summary>
        public async Task<Task<T>> FirstAsync<T>(Func<Action, Task<T>> command)
        {
            var started = Task.Run(() => command(Inside));
            Assert.True(await _inside.WaitAsync(TimeSpan.FromSeconds(60)), "The first command never ran.");
            return started;
        }

        public void Release() => _release.Set();

        public void Dispose() => _release.Set();

        private void Inside()
        {
            _inside.Release();
            _release.Wait();
        }
    }

    /// <summary>Starts a command and returns once it waits for its turn on the busy case.</summary>
    private static async Task<Task<T>> QueueAsync<T>(BoardHarness board, string caseId, Func<Task<T>> command)
    {
        var waiting = board.Commands.WaitingOn(caseId);
        var started = Task.Run(command);
        await Until(() => board.Commands.WaitingOn(caseId) == waiting + 1);
        return started;
    }

    /// <summary>Adds one to the case's tally row and logs <paramref name="name"/>; answers the tally it wrote.</summary>
    private static Task<int> CountAsync(BoardHarness board, string caseId, string name, Action? whileDeciding = null, int lines = 1,
        CancellationToken ct = default) =>
        board.Commands.RunAsync(caseId, CaseActor.System, [Tally], (file, writes) =>
        {
            whileDeciding?.Invoke();
            var count = (file.Row(Tally)?.GetInt32("Count") ?? 0) + 1;
            writes.Put(new TableEntity(CaseRow.PartitionOf(caseId), Tally) { ["Count"] = count });
            for (var i = 0; i < lines; i++) writes.Log(CaseActions.LogViewed, name);
            return count;
        }, () => -1, ct);

    private static async Task<List<string?>> LinesAsync(BoardHarness board, string caseId) =>
        [.. (await board.Cases.GetLogAsync(caseId, default)).Where(l => l.Action == CaseActions.LogViewed).Select(l => l.Detail)];

    private (BoardHarness Board, CountingTable Storage) Board(string prefix)
    {
        var storage = new CountingTable(azurite.ConnectionString, azurite.NewTableName(prefix));
        return (new BoardHarness(storage.Client), storage);
    }

    private static async Task Until(Func<bool> condition)
    {
        var until = DateTime.UtcNow.AddSeconds(60);
        while (!condition())
        {
            if (DateTime.UtcNow > until) throw new TimeoutException("The commands never queued.");
            await Task.Delay(10);
        }
    }
}
