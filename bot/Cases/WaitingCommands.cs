using TeamsSafeguarding.Escalation.Cases;

namespace TeamsSafeguarding.Cases;

/// <summary>One command waiting for its case: what it reads, how it decides, and where its answer goes.</summary>
internal sealed class WaitingCommand(CaseActor actor, IReadOnlyList<string> reads, Func<CaseFile, CaseWrites, object?> decide, Func<object?> missing)
{
    public CaseActor Actor => actor;
    public IReadOnlyList<string> Reads => reads;
    public Func<CaseFile, CaseWrites, object?> Decide => decide;
    public Func<object?> Missing => missing;
    public TaskCompletionSource<object?> Answer { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);
    public bool IsAnswered => Answer.Task.IsCompleted;
}

/// <summary>
/// The commands waiting for their turn on each case in this instance, oldest first. Whoever's turn it is takes all of
/// them at once (<see cref="CaseCommands"/>), so a burst of clicks on one case costs one read and one transaction
/// instead of one each, and the clicks at the back of the queue do not wait for every one in front in turn.
/// </summary>
internal sealed class WaitingCommands
{
    private readonly Dictionary<string, List<WaitingCommand>> _byCase = new(StringComparer.Ordinal);

    public void Add(string caseId, WaitingCommand command)
    {
        lock (_byCase)
        {
            if (!_byCase.TryGetValue(caseId, out var waiting)) _byCase[caseId] = waiting = [];
            waiting.Add(command);
        }
    }

    /// <summary>Up to <paramref name="max"/> of the case's waiting commands, oldest first, no longer waiting.</summary>
    public List<WaitingCommand> Take(string caseId, int max)
    {
        lock (_byCase)
        {
            if (!_byCase.TryGetValue(caseId, out var waiting)) return [];
            var taken = waiting.Take(max).ToList();
            waiting.RemoveRange(0, taken.Count);
            if (waiting.Count == 0) _byCase.Remove(caseId);
            return taken;
        }
    }

    /// <summary>Puts commands back at the front (they did not fit in the group's transaction), in their order.</summary>
    public void PutBack(string caseId, IReadOnlyList<WaitingCommand> commands)
    {
        if (commands.Count == 0) return;
        lock (_byCase)
        {
            if (!_byCase.TryGetValue(caseId, out var waiting)) _byCase[caseId] = waiting = [];
            waiting.InsertRange(0, commands);
        }
    }

    /// <summary>Withdraws a command whose caller gave up; false if a group already took it.</summary>
    public bool Withdraw(string caseId, WaitingCommand command)
    {
        lock (_byCase)
        {
            if (!_byCase.TryGetValue(caseId, out var waiting) || !waiting.Remove(command)) return false;
            if (waiting.Count == 0) _byCase.Remove(caseId);
            return true;
        }
    }

    /// <summary>How many cases have commands waiting (for tests and diagnostics).</summary>
    public int Count { get { lock (_byCase) return _byCase.Count; } }

    /// <summary>How many commands wait for the case (for tests and diagnostics).</summary>
    public int CountFor(string caseId) { lock (_byCase) return _byCase.TryGetValue(caseId, out var waiting) ? waiting.Count : 0; }
}
