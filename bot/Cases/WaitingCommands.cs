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
}

/// <summary>
/// The commands waiting for their turn on each case in this instance, oldest first, and whether the case's turns are
/// being taken. One runner per case takes all that wait at once (<see cref="CaseCommands"/>), so commands on a case
/// never race each other for its ETags (only another instance can), a burst of clicks on one case costs one read and
/// one transaction instead of one each, and the clicks at the back of the queue do not wait for each one in front in
/// turn. A case is listed only while it has a runner.
/// </summary>
internal sealed class WaitingCommands
{
    private readonly Dictionary<string, List<WaitingCommand>> _byCase = new(StringComparer.Ordinal);

    /// <summary>Queues a command; true if the case had no runner, and the caller must start one.</summary>
    public bool Add(string caseId, WaitingCommand command)
    {
        lock (_byCase)
        {
            if (_byCase.TryGetValue(caseId, out var waiting))
            {
                waiting.Add(command);
                return false;
            }
            _byCase[caseId] = [command];
            return true;
        }
    }

    /// <summary>
    /// Up to <paramref name="max"/> of the case's waiting commands, oldest first, no longer waiting. None when nothing
    /// waits: the runner then stops, and the next command added starts a new one.
    /// </summary>
    public List<WaitingCommand> TakeOrStop(string caseId, int max)
    {
        lock (_byCase)
        {
            if (!_byCase.TryGetValue(caseId, out var waiting)) return [];
            if (waiting.Count == 0)
            {
                _byCase.Remove(caseId);
                return [];
            }
            var taken = waiting.Take(max).ToList();
            waiting.RemoveRange(0, taken.Count);
            return taken;
        }
    }

    /// <summary>
    /// Puts commands back at the front (they did not fit in the group's transaction), in their order. Only the case's
    /// runner calls this, and its case stays listed until the runner itself stops.
    /// </summary>
    public void PutBack(string caseId, IReadOnlyList<WaitingCommand> commands)
    {
        if (commands.Count == 0) return;
        lock (_byCase) _byCase[caseId].InsertRange(0, commands);
    }

    /// <summary>Ends the case's turns: returns whatever still waits, no longer waiting.</summary>
    public List<WaitingCommand> Stop(string caseId)
    {
        lock (_byCase) return _byCase.Remove(caseId, out var waiting) ? waiting : [];
    }

    /// <summary>Withdraws a command whose caller gave up; false if a group already took it.</summary>
    public bool Withdraw(string caseId, WaitingCommand command)
    {
        lock (_byCase) return _byCase.TryGetValue(caseId, out var waiting) && waiting.Remove(command);
    }

    /// <summary>How many cases have a runner (for tests and diagnostics).</summary>
    public int Count { get { lock (_byCase) return _byCase.Count; } }

    /// <summary>How many commands wait for the case (for tests and diagnostics).</summary>
    public int CountFor(string caseId) { lock (_byCase) return _byCase.TryGetValue(caseId, out var waiting) ? waiting.Count : 0; }
}
