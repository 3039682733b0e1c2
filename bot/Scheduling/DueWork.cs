using TeamsSafeguarding.Cases;

namespace TeamsSafeguarding.Scheduling;

/// <summary>
/// The loop every scheduled sweep shares: take each item of its kind that has fallen due, lease it, do it, and remove
/// it. Whatever goes wrong with one item is logged (by subject, which is a case id, never case data) and counted, and the
/// pass goes on; the item stays, and is tried again once its lease runs out, so one bad case never costs the others.
/// </summary>
public sealed class DueWork(DueIndex index, TimeProvider clock)
{
    /// <summary>How long an instance holds an item it works on (and how long a failed item waits before a retry).</summary>
    public static readonly TimeSpan Lease = TimeSpan.FromMinutes(5);

    /// <param name="prepare">Runs once before the first item, only when something is due (e.g. loading what the work needs).</param>
    /// <returns>How many due items could not be done.</returns>
    public async Task<int> RunAsync(string kind, Func<string, CancellationToken, Task> work, ILogger log, string what, CancellationToken ct,
        Func<CancellationToken, Task>? prepare = null)
    {
        var failed = 0;
        var items = await index.DueAsync(kind, clock.GetUtcNow(), ct);
        if (items.Count > 0 && prepare is not null) await prepare(ct);
        foreach (var due in items)
        {
            if (await index.TryLeaseAsync(due, clock.GetUtcNow(), Lease, ct) is not { } leased) continue;
            try
            {
                await work(leased.Subject, ct);
                await index.DoneAsync(leased, ct);
            }
            catch (Exception e) when (!ct.IsCancellationRequested)
            {
                failed++;
                log.LogWarning("{Sweep}: {Subject} could not be handled ({ExceptionType}); it is tried again after {Lease}",
                    what, CaseStore.IsCaseId(leased.Subject) ? leased.Subject : "an item", e.GetType().Name, Lease);
            }
        }
        return failed;
    }
}
