using TeamsSafeguarding.Escalation.Cases;

namespace TeamsSafeguarding.Cases;

/// <summary>
/// The loop every case sweep shares: visit each case in the given stages, and whatever goes wrong with one case (a
/// row that cannot be read, storage refusing a write, a bug), log it by case id, count it and go on, so one bad case
/// never costs the others their reminders and decisions. The next pass tries the failed case again.
/// </summary>
public static class CaseSweep
{
    /// <returns>How many cases could not be handled.</returns>
    public static async Task<int> RunAsync(CaseStore cases, IReadOnlyList<CaseStage> stages,
        Func<Case, CancellationToken, Task> visit, ILogger log, string what, CancellationToken ct)
    {
        var failed = 0;
        var candidates = await cases.ListByStageAsync(stages, ct, partition =>
        {
            failed++;
            log.LogWarning("{Sweep}: the case head in {Partition} could not be read", what, partition);
        });
        foreach (var candidate in candidates)
        {
            try
            {
                await visit(candidate, ct);
            }
            catch (Exception e) when (!ct.IsCancellationRequested)
            {
                failed++;
                log.LogWarning("{Sweep}: case {CaseId} could not be handled ({ExceptionType}); the next pass tries again",
                    what, candidate.CaseId, e.GetType().Name);
            }
        }
        return failed;
    }
}
