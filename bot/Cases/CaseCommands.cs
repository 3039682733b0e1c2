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
/// Here the case is locked within this instance, the head and the asked-for rows are read, the decision is made, and
/// state, log and outbox are committed in one transaction. If another instance changed a row meanwhile (ETag), the
/// rows are read again and the decision made again, under one backoff policy, so no click is lost.
/// </summary>
public sealed class CaseCommands(CaseStore store, Transactions transactions, CaseLocks locks, DueIndex due, IEnumerable<ICaseFollower> followers,
    TimeProvider clock, IOptions<CaseCommandOptions> options, ILogger<CaseCommands> log)
{
    private readonly CaseCommandOptions _options = options.Value;

    /// <summary>
    /// Runs a command on an existing case. <paramref name="missing"/> answers when there is no such case (an unknown or
    /// malformed id from a card answers the same way, without touching storage).
    /// </summary>
    public async Task<T> RunAsync<T>(string? caseId, CaseActor actor, IReadOnlyList<string> reads,
        Func<CaseFile, CaseWrites, T> decide, Func<T> missing, CancellationToken ct)
    {
        if (!CaseStore.IsCaseId(caseId)) return missing();
        using var _ = await locks.EnterAsync(caseId!, ct);
        for (var attempt = 1; ; attempt++)
        {
            var file = await store.ReadAsync(caseId!, reads, ct);
            if (file is null) return missing();
            var writes = new CaseWrites(caseId!, file, actor, clock.GetUtcNow());
            var answer = decide(file, writes);
            if (!await CommittedAsync(writes, attempt, ct)) continue;
            if (writes.Refusals > 0) log.LogInformation("Refused an action on a case ({Role})", actor.Role);
            return answer;
        }
    }

    /// <summary>Creates a new case: the decision must <see cref="CaseWrites.Apply"/> a change with no state before.</summary>
    public async Task<T> CreateAsync<T>(string caseId, CaseActor actor, Func<CaseWrites, T> decide, CancellationToken ct)
    {
        var writes = new CaseWrites(caseId, null, actor, clock.GetUtcNow());
        var answer = decide(writes);
        await ScheduleAsync(writes, ct);
        var tx = transactions.Begin(CaseRow.PartitionOf(caseId));
        writes.AddTo(tx);
        await tx.CommitAsync(ct);
        return answer;
    }

    /// <summary>True once committed (or nothing to commit); false when the rows changed meanwhile and the command must run again.</summary>
    private async Task<bool> CommittedAsync(CaseWrites writes, int attempt, CancellationToken ct)
    {
        if (writes.IsEmpty) return true;
        await ScheduleAsync(writes, ct);
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
    private Task ScheduleAsync(CaseWrites writes, CancellationToken ct) =>
        Task.WhenAll(writes.Schedules.Distinct().Select(s => due.ScheduleAsync(s.Kind, writes.CaseId, s.At, ct))
            .Concat(writes.Head is { } head ? _followers.Select(f => f.FollowAsync(head.Before, head.After, ct)) : []));

    private readonly IReadOnlyList<ICaseFollower> _followers = [.. followers];

    private TimeSpan Backoff(int attempt)
    {
        var ceiling = Math.Min(_options.MaxBackoff.TotalMilliseconds, _options.FirstBackoff.TotalMilliseconds * Math.Pow(2, Math.Min(attempt - 1, 16)));
        return TimeSpan.FromMilliseconds(Random.Shared.NextDouble() * ceiling);
    }
}
