namespace TeamsSafeguarding.Cases;

/// <summary>
/// One queue per case inside this instance: commands on the same case run one at a time, so they never race each
/// other for its ETags (only another instance can). Commands on different cases run in parallel. Entries exist only
/// while someone holds or waits for them.
/// </summary>
public sealed class CaseLocks
{
    private readonly Dictionary<string, Entry> _entries = new(StringComparer.Ordinal);

    private sealed class Entry
    {
        public readonly SemaphoreSlim Gate = new(1, 1);
        public int Users;
    }

    public async Task<IDisposable> EnterAsync(string caseId, CancellationToken ct)
    {
        Entry entry;
        lock (_entries)
        {
            if (!_entries.TryGetValue(caseId, out entry!)) _entries[caseId] = entry = new Entry();
            entry.Users++;
        }
        try
        {
            await entry.Gate.WaitAsync(ct);
        }
        catch
        {
            Leave(caseId, entry, release: false);
            throw;
        }
        return new Held(this, caseId, entry);
    }

    /// <summary>How many cases are locked or waited for (for tests and diagnostics).</summary>
    public int Count { get { lock (_entries) return _entries.Count; } }

    private void Leave(string caseId, Entry entry, bool release)
    {
        if (release) entry.Gate.Release();
        lock (_entries)
        {
            if (--entry.Users == 0) _entries.Remove(caseId);
        }
    }

    private sealed class Held(CaseLocks locks, string caseId, Entry entry) : IDisposable
    {
        private int _disposed;

        public void Dispose()
        {
            if (Interlocked.Exchange(ref _disposed, 1) == 0) locks.Leave(caseId, entry, release: true);
        }
    }
}
