using System.Runtime.ExceptionServices;
using Azure;
using Azure.Data.Tables;
using Microsoft.Extensions.Options;
using TeamsSafeguarding.Escalation.Cases;
using TeamsSafeguarding.Scheduling;
using TeamsSafeguarding.Storage;

namespace TeamsSafeguarding.Cases;

/// <summary>How <see cref="CaseCommands"/> retries a commit another instance beat: full-jitter exponential backoff.</summary>
public sealed class CaseCommandOptions
{
    public const string Section = "CaseCommands";

    public int MaxAttempts { get; set; } = 30;
    public TimeSpan FirstBackoff { get; set; } = TimeSpan.FromMilliseconds(20);
    public TimeSpan MaxBackoff { get; set; } = TimeSpan.FromSeconds(1);
}

/// <summary>
/// The one place a case changes. A handler reads its input, checks the person's role, and hands over a pure decision:
/// given what was read (<see cref="CaseFile"/>) it says what to write (<see cref="CaseWrites"/>) and what to answer.
/// Here commands on one case take turns within this instance, the head and the asked-for rows are read, the decision
/// is made, and state, log and outbox are committed in one transaction. If another instance changed a row meanwhile (ETag), the
/// rows are read again and the decision made again, under one backoff policy, so no click is lost.
/// Commands that arrive for a case while it is busy wait, and its next turn takes all of them as one group: one read,
/// each decision made on what the one before it left, one transaction (see <see cref="WaitingCommands"/>).
/// </summary>
public sealed class CaseCommands(CaseStore store, Transactions transactions, DueIndex due, IEnumerable<ICaseFollower> followers,
    TimeProvider clock, IOptions<CaseCommandOptions> options, ILogger<CaseCommands> log)
{
    /// <summary>At most this many waiting commands are decided together (the transaction's 100 actions bound it too).</summary>
    public const int MaxGroup = 10;

    private readonly CaseCommandOptions _options = options.Value;
    private readonly WaitingCommands _waiting = new();
    private readonly IReadOnlyList<ICaseFollower> _followers = [.. followers];

    /// <summary>
    /// Runs a command on an existing case. <paramref name="missing"/> answers when there is no such case (an unknown or
    /// malformed id from a card answers the same way, without touching storage).
    /// </summary>
    public async Task<T> RunAsync<T>(string? caseId, CaseActor actor, IReadOnlyList<string> reads,
        Func<CaseFile, CaseWrites, T> decide, Func<T> missing, CancellationToken ct)
    {
        if (!CaseStore.IsCaseId(caseId)) return missing();
        var mine = new WaitingCommand(actor, reads, (file, writes) => decide(file, writes), () => missing());
        // The first command to find its case idle starts the case's turns; every caller waits only for its own answer,
        // which comes as soon as its group is committed, whatever the runner does next.
        if (_waiting.Add(caseId!, mine)) _ = TakeTurnsAsync(caseId!);
        using (ct.Register(() =>
        {
            if (_waiting.Withdraw(caseId!, mine)) mine.Answer.TrySetCanceled(ct);
        }))
        {
            return (T)(await mine.Answer.Task)!;
        }
    }

    /// <summary>Creates a new case: the decision must <see cref="CaseWrites.Apply"/> a change with no state before.</summary>
    public async Task<T> CreateAsync<T>(string caseId, CaseActor actor, Func<CaseWrites, T> decide, CancellationToken ct)
    {
        var writes = new CaseWrites(caseId, null, actor, clock.GetUtcNow());
        var answer = decide(writes);
        await ScheduleAsync(caseId, writes.Schedules, writes.Head, ct);
        var tx = transactions.Begin(CaseRow.PartitionOf(caseId));
        writes.AddTo(tx);
        await tx.CommitAsync(ct);
        return answer;
    }

    /// <summary>How many cases are taking turns (for tests and diagnostics).</summary>
    internal int CasesTakingTurns => _waiting.Count;

    /// <summary>How many commands wait for their turn on the case (for tests and diagnostics).</summary>
    internal int WaitingOn(string caseId) => _waiting.CountFor(caseId);

    /// <summary>
    /// The case's turns: groups of waiting commands, one after another, until none waits. Not tied to any caller's
    /// request (a group answers several people), so storage calls are not cancelled by one caller going away.
    /// </summary>
    private async Task TakeTurnsAsync(string caseId)
    {
        try
        {
            for (var group = _waiting.TakeOrStop(caseId, MaxGroup); group.Count > 0; group = _waiting.TakeOrStop(caseId, MaxGroup))
                await RunGroupAsync(caseId, group);
        }
        catch (Exception e)
        {
            // Not expected (a group answers every command it takes), but a case whose turns stopped silently would keep
            // every later click waiting for ever: whatever waits is failed, and the next command starts new turns.
            log.LogError("A case's turns stopped unexpectedly ({ExceptionType})", e.GetType().Name);
            foreach (var command in _waiting.Stop(caseId)) command.Answer.TrySetException(e);
        }
    }

    /// <summary>Reads, decides and commits a group of commands; answers each of them (or puts it back to wait), never throws.</summary>
    private async Task RunGroupAsync(string caseId, IReadOnlyList<WaitingCommand> group)
    {
        var ct = CancellationToken.None;
        try
        {
            for (var attempt = 1; ; attempt++)
            {
                var file = await store.ReadAsync(caseId, [.. group.SelectMany(c => c.Reads).Distinct(StringComparer.Ordinal)], ct);
                if (file is null)
                {
                    foreach (var command in group) Settle(command, command.Missing);
                    return;
                }
                var (writes, outcomes, later) = Decide(caseId, file, group);
                bool committed;
                try
                {
                    committed = await CommittedAsync(writes, attempt, ct);
                }
                catch (Exception) when (group.Count > 1)
                {
                    // Storage refused the group's transaction: each command alone, so only the one at fault fails.
                    foreach (var command in group) await RunGroupAsync(caseId, [command]);
                    return;
                }
                if (!committed) continue;
                foreach (var (command, answer, mine) in outcomes)
                {
                    if (mine?.Refusals > 0) log.LogInformation("Refused an action on a case ({Role})", command.Actor.Role);
                    Settle(command, answer);
                }
                _waiting.PutBack(caseId, later);
                return;
            }
        }
        catch (Exception e)
        {
            foreach (var command in group) command.Answer.TrySetException(e);
        }
    }

    /// <summary>
    /// Each command's decision on the case as the ones before it in the group left it, and the group's writes. Commands
    /// whose writes no longer fit in one transaction are left for the next group.
    /// </summary>
    private (GroupWrites Writes, List<(WaitingCommand Command, Func<object?> Answer, CaseWrites? Writes)> Outcomes, List<WaitingCommand> Later)
        Decide(string caseId, CaseFile file, IReadOnlyList<WaitingCommand> group)
    {
        var now = clock.GetUtcNow();
        var writes = new GroupWrites(caseId);
        var outcomes = new List<(WaitingCommand, Func<object?>, CaseWrites?)>();
        CaseFile? current = file;
        for (var i = 0; i < group.Count; i++)
        {
            var command = group[i];
            if (current is null)
            {
                outcomes.Add((command, command.Missing, null)); // an earlier command in the group deleted the case
                continue;
            }
            var mine = new CaseWrites(caseId, current, command.Actor, now);
            object? answer;
            try
            {
                answer = command.Decide(current, mine);
            }
            catch (Exception e)
            {
                var failure = ExceptionDispatchInfo.Capture(e);
                outcomes.Add((command, () => { failure.Throw(); return null; }, null));
                continue;
            }
            if (!writes.TryAdd(mine)) return (writes, outcomes, [.. group.Skip(i)]);
            outcomes.Add((command, () => answer, mine));
            current = current.After(mine);
        }
        return (writes, outcomes, []);
    }

    private static void Settle(WaitingCommand command, Func<object?> answer)
    {
        try
        {
            command.Answer.TrySetResult(answer());
        }
        catch (Exception e)
        {
            command.Answer.TrySetException(e);
        }
    }

    /// <summary>True once committed (or nothing to commit); false when the rows changed meanwhile and the commands must run again.</summary>
    private async Task<bool> CommittedAsync(GroupWrites writes, int attempt, CancellationToken ct)
    {
        if (writes.IsEmpty) return true;
        await ScheduleAsync(writes.CaseId, writes.Schedules, writes.Head, ct);
        var tx = transactions.Begin(CaseRow.PartitionOf(writes.CaseId));
        writes.AddTo(tx);
        try
        {
            await tx.CommitAsync(ct);
            return true;
        }
        catch (TableTransactionFailedException e) when (e.Status is 404 or 409 or 412 && attempt < _options.MaxAttempts)
        {
            // Another instance changed the case first: read it again and decide again, after a randomised wait.
            await Task.Delay(Backoff(attempt), ct);
            return false;
        }
    }

    /// <summary>
    /// Scheduled work is indexed before the change that needs it commits: if the commit then fails, the index holds
    /// a visit that finds nothing to do, never a change whose reminder was lost. The case's followers (the board's
    /// register, the retention clock) are kept in step the same way.
    /// </summary>
    private Task ScheduleAsync(string caseId, IEnumerable<(string Kind, DateTimeOffset At)> schedules, (Case? Before, Case After)? head,
        CancellationToken ct) =>
        Task.WhenAll(schedules.Distinct().Select(s => due.ScheduleAsync(s.Kind, caseId, s.At, ct))
            .Concat(head is { } h ? _followers.Select(f => f.FollowAsync(h.Before, h.After, ct)) : []));

    private TimeSpan Backoff(int attempt)
    {
        var ceiling = Math.Min(_options.MaxBackoff.TotalMilliseconds, _options.FirstBackoff.TotalMilliseconds * Math.Pow(2, Math.Min(attempt - 1, 16)));
        return TimeSpan.FromMilliseconds(Random.Shared.NextDouble() * ceiling);
    }
}
