namespace TeamsSafeguarding.Teams.Connector;

/// <summary>
/// Reuses one token until shortly before it expires, so a burst of sends costs one token request and a
/// token never expires in flight. One refresh at a time: concurrent callers wait for it.
/// </summary>
public sealed class CachedConnectorTokenProvider(IConnectorTokenProvider inner, TimeProvider time) : IConnectorTokenProvider
{
    public static readonly TimeSpan RefreshBeforeExpiry = TimeSpan.FromMinutes(5);

    private readonly SemaphoreSlim _refresh = new(1, 1);
    private ConnectorToken? _token;

    public async ValueTask<ConnectorToken?> GetTokenAsync(CancellationToken ct)
    {
        var current = Volatile.Read(ref _token);
        if (IsFresh(current)) return current;

        await _refresh.WaitAsync(ct);
        try
        {
            current = Volatile.Read(ref _token);
            if (IsFresh(current)) return current;
            current = await inner.GetTokenAsync(ct);
            Volatile.Write(ref _token, current);
            return current;
        }
        finally
        {
            _refresh.Release();
        }
    }

    private bool IsFresh(ConnectorToken? token) =>
        token is not null && time.GetUtcNow() < token.ExpiresOn - RefreshBeforeExpiry;
}
