using Microsoft.Extensions.Options;

namespace TeamsSafeguarding.Board;

/// <summary>
/// At start-up, stores the board's roles as configured (and what changed since the last start). If storage does not
/// answer, the bot starts anyway: the roles are only a record, so it warns and tries again every
/// <see cref="RetryEvery"/> until it succeeds or the bot stops.
/// </summary>
public sealed class BoardRolesRecorder(BoardRolesStore store, IOptions<BoardOptions> board, Escalation.Process.ProcessProfile profile, TimeProvider clock,
    ILogger<BoardRolesRecorder> log) : IHostedService
{
    public static readonly TimeSpan RetryEvery = TimeSpan.FromMinutes(1);

    // Not disposed on purpose: the host may dispose services before it stops them (seen when a test host is torn
    // down), and a source with no timer holds nothing that needs disposing.
    private readonly CancellationTokenSource _stopping = new();
    private Task? _retrying;

    public async Task StartAsync(CancellationToken ct)
    {
        if (!await TryRecordAsync(ct)) _retrying = RetryAsync(_stopping.Token);
    }

    public async Task StopAsync(CancellationToken ct)
    {
        await _stopping.CancelAsync();
        if (_retrying is not null) await _retrying.WaitAsync(ct).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
    }

    private async Task RetryAsync(CancellationToken stopping)
    {
        using var timer = new PeriodicTimer(RetryEvery, clock);
        try
        {
            while (await timer.WaitForNextTickAsync(stopping))
                if (await TryRecordAsync(stopping)) return;
        }
        catch (OperationCanceledException) when (stopping.IsCancellationRequested) { }
    }

    private async Task<bool> TryRecordAsync(CancellationToken ct)
    {
        try
        {
            var recorded = await store.RecordAsync(BoardRoleHolders.From(board.Value, profile.CastingBy), ct);
            log.LogInformation("Board roles checked: {Outcome}", recorded);
            return true;
        }
        catch (Exception e) when (!ct.IsCancellationRequested)
        {
            // A storage timeout can surface as a cancellation too; only our own stopping ends the attempts.
            log.LogWarning("Storing the board's roles failed with {ExceptionType}; trying again in {RetryEvery}", e.GetType().Name, RetryEvery);
            return false;
        }
    }
}
