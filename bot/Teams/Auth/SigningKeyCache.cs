using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.IdentityModel.Protocols;
using Microsoft.IdentityModel.Protocols.OpenIdConnect;

namespace TeamsSafeguarding.Teams.Auth;

/// <summary>
/// The Bot Connector's signing keys and endorsements, downloaded from the OpenID metadata's jwks_uri and kept
/// for <see cref="AutomaticRefreshInterval"/>. A token signed with a key we have not seen asks for a refresh
/// (<see cref="RefreshAsync"/>), at most once per <see cref="MinimumRefreshInterval"/> so that junk tokens
/// cannot make us hammer the metadata endpoint. That interval is short on purpose: anyone can send a token with an
/// unknown key id, so whatever it is, an attacker can spend it just before the Bot Connector rotates its keys, and
/// the genuine new key is refused until it has passed. (The SDKs inherit ConfigurationManager's five minutes.)
/// <para>
/// Why not ConfigurationManager&lt;OpenIdConnectConfiguration&gt;: in Microsoft.IdentityModel 8.x its
/// RequestRefresh() refreshes on a background thread, so "refresh, then retry once" would retry against the
/// old keys; and the endorsements need their own copy of the jwks anyway. One download here feeds both.
/// </para>
/// One instance per process (singleton): it is the cache.
/// </summary>
public sealed class SigningKeyCache
{
    /// <summary>The docs ask for at least daily; the SDK and the OpenID libraries use 12 hours.</summary>
    public static readonly TimeSpan AutomaticRefreshInterval = TimeSpan.FromHours(12);
    /// <summary>Shortest time between refreshes asked for by unknown key ids: at most two downloads a minute, however many
    /// junk tokens arrive, and a rotated-in key is refused for at most this long.</summary>
    public static readonly TimeSpan MinimumRefreshInterval = TimeSpan.FromSeconds(30);
    /// <summary>After a failed download, wait this long before trying again on the request path.</summary>
    public static readonly TimeSpan RetryAfterFailure = TimeSpan.FromSeconds(10);

    private readonly string _metadataUrl;
    private readonly IDocumentRetriever _documents;
    private readonly TimeProvider _clock;
    private readonly ILogger _log;
    private readonly SemaphoreSlim _lock = new(1, 1);

    // Replaced whole (never mutated) so the lock-free read in GetAsync sees keys and due time together.
    private sealed record State(SigningKeySet? Keys, DateTimeOffset NextDownloadAt);
    private State _state = new(null, DateTimeOffset.MinValue);
    private DateTimeOffset _lastRequestedRefreshAt = DateTimeOffset.MinValue;

    public SigningKeyCache(string metadataUrl, IDocumentRetriever documents, TimeProvider clock, ILogger<SigningKeyCache>? log = null)
    {
        _metadataUrl = metadataUrl;
        _documents = documents;
        _clock = clock;
        _log = (ILogger?)log ?? NullLogger.Instance;
    }

    /// <summary>
    /// Plain http only for a local test issuer (http://localhost or http://127.0.0.1); https everywhere else.
    /// </summary>
    public static IDocumentRetriever DocumentRetrieverFor(string metadataUrl, HttpClient http)
    {
        var uri = new Uri(metadataUrl, UriKind.Absolute);
        var localTestIssuer = uri.Scheme == Uri.UriSchemeHttp && (uri.Host == "localhost" || uri.Host == "127.0.0.1");
        return new HttpDocumentRetriever(http) { RequireHttps = !localTestIssuer };
    }

    /// <returns>The current keys, downloading them when due; null when none could ever be obtained (fail closed).</returns>
    public async Task<SigningKeySet?> GetAsync(CancellationToken cancellationToken)
    {
        var state = Volatile.Read(ref _state);
        if (_clock.GetUtcNow() < state.NextDownloadAt) return state.Keys;

        await _lock.WaitAsync(cancellationToken);
        try
        {
            if (_clock.GetUtcNow() >= _state.NextDownloadAt) await DownloadAsync(cancellationToken);
            return _state.Keys;
        }
        finally
        {
            _lock.Release();
        }
    }

    /// <summary>
    /// A token named a key we do not have: download again now, unless that was already done within
    /// <see cref="MinimumRefreshInterval"/>. Returns the (possibly unchanged) keys; null when none are known.
    /// </summary>
    public async Task<SigningKeySet?> RefreshAsync(CancellationToken cancellationToken)
    {
        await _lock.WaitAsync(cancellationToken);
        try
        {
            var now = _clock.GetUtcNow();
            if (now - _lastRequestedRefreshAt >= MinimumRefreshInterval)
            {
                _lastRequestedRefreshAt = now;
                await DownloadAsync(cancellationToken);
            }
            return _state.Keys;
        }
        finally
        {
            _lock.Release();
        }
    }

    // Called under _lock. A failure keeps the keys we already have (they were genuine when fetched and the
    // Bot Connector rotates with overlap); with no keys at all every token is refused.
    private async Task DownloadAsync(CancellationToken cancellationToken)
    {
        var now = _clock.GetUtcNow();
        try
        {
            var metadata = OpenIdConnectConfiguration.Create(await _documents.GetDocumentAsync(_metadataUrl, cancellationToken));
            if (string.IsNullOrEmpty(metadata.JwksUri))
                throw new InvalidDataException("The OpenID metadata has no jwks_uri.");
            var keys = SigningKeySet.FromJwks(await _documents.GetDocumentAsync(metadata.JwksUri, cancellationToken));
            Volatile.Write(ref _state, new State(keys, now + AutomaticRefreshInterval));
            _log.LogInformation("Downloaded the Bot Connector signing keys from {MetadataUrl}", _metadataUrl);
        }
        catch (Exception ex) when (!cancellationToken.IsCancellationRequested)
        {
            var kept = _state.Keys;
            Volatile.Write(ref _state, new State(kept, now + RetryAfterFailure));
            _log.LogWarning("Could not download the Bot Connector signing keys from {MetadataUrl} ({ExceptionType}); {Fallback}",
                _metadataUrl, ex.GetType().Name,
                kept is null ? "refusing every request until they can be downloaded" : "keeping the keys downloaded earlier");
        }
    }
}
