using Microsoft.Extensions.Time.Testing;
using Microsoft.IdentityModel.Protocols;
using TeamsSafeguarding.Teams.Auth;
using Xunit;

namespace TeamsSafeguarding.Tests.Teams.Auth;

// Key download, refresh and failure, seen through the authenticator (what the bot relies on) and the issuer's
// request counters (what actually went over the wire).
public sealed class SigningKeyCacheTests : IAsyncLifetime
{
    private const string AppId = "11111111-2222-3333-4444-555555555555";
    private const string ServiceUrl = "https://smba.trafficmanager.net/uk/";
    private const string Tenant = "00000000-0000-0000-0000-0000000000001";

    private readonly FakeTimeProvider _clock = new(DateTimeOffset.UtcNow);
    private TestTokenIssuer _issuer = null!;
    private BotFrameworkAuthenticator _auth = null!;

    public async Task InitializeAsync()
    {
        _issuer = await TestTokenIssuer.StartAsync();
        _auth = BotFrameworkAuthenticatorTests.AuthenticatorFor(_issuer, _clock);
    }

    public async Task DisposeAsync() => await _issuer.DisposeAsync();

    private Task<AuthResult> Authenticate(string keyId = TestTokenIssuer.DefaultKeyId) =>
        _auth.AuthenticateAsync("Bearer " + _issuer.MintToken(AppId, ServiceUrl, keyId: keyId), "msteams", ServiceUrl, Tenant,
            CancellationToken.None);

    [Fact]
    public async Task Keys_are_downloaded_once_and_reused()
    {
        for (var i = 0; i < 3; i++) Assert.True((await Authenticate()).Succeeded);

        Assert.Equal(1, _issuer.MetadataRequests);
        Assert.Equal(1, _issuer.JwksRequests);
    }

    [Fact]
    public async Task A_key_published_after_the_last_download_is_accepted_after_one_refresh()
    {
        Assert.True((await Authenticate()).Succeeded);
        _issuer.AddKey("rotated-in", publish: false);
        _issuer.Publish("rotated-in");

        var result = await Authenticate("rotated-in");

        Assert.True(result.Succeeded, result.FailureReason);
        Assert.Equal(2, _issuer.JwksRequests);
    }

    [Fact]
    public async Task Unknown_key_ids_refresh_at_most_once_per_thirty_seconds()
    {
        Assert.True((await Authenticate()).Succeeded);
        _issuer.AddKey("unpublished", publish: false);

        Assert.False((await Authenticate("unpublished")).Succeeded);
        Assert.False((await Authenticate("unpublished")).Succeeded);
        Assert.Equal(2, _issuer.JwksRequests);

        _issuer.AddKey("late", publish: false);
        _issuer.Publish("late");
        Assert.False((await Authenticate("late")).Succeeded); // still within the thirty seconds

        _clock.Advance(SigningKeyCache.MinimumRefreshInterval);
        Assert.True((await Authenticate("late")).Succeeded);
        Assert.Equal(3, _issuer.JwksRequests);
    }

    [Fact]
    public async Task Keys_are_downloaded_again_within_a_day()
    {
        Assert.True((await Authenticate()).Succeeded);
        _clock.Advance(SigningKeyCache.AutomaticRefreshInterval - TimeSpan.FromMinutes(1));
        Assert.True((await Authenticate()).Succeeded);
        Assert.Equal(1, _issuer.JwksRequests);

        _clock.Advance(TimeSpan.FromMinutes(1));
        Assert.True((await Authenticate()).Succeeded);

        Assert.Equal(2, _issuer.JwksRequests);
        Assert.True(SigningKeyCache.AutomaticRefreshInterval <= TimeSpan.FromHours(24));
    }

    [Fact]
    public async Task A_key_withdrawn_from_the_jwks_is_refused_after_the_next_download()
    {
        _issuer.AddKey("withdrawn");
        Assert.True((await Authenticate("withdrawn")).Succeeded);

        _issuer.Withdraw("withdrawn");
        _clock.Advance(SigningKeyCache.AutomaticRefreshInterval);

        Assert.False((await Authenticate("withdrawn")).Succeeded);
        Assert.True((await Authenticate()).Succeeded);
    }

    [Fact]
    public async Task When_the_metadata_endpoint_is_down_from_the_start_every_token_is_refused()
    {
        _issuer.Available = false;

        var result = await Authenticate();

        Assert.False(result.Succeeded);
        Assert.Contains("could not be downloaded", result.FailureReason);
        Assert.True(_issuer.MetadataRequests > 0);
    }

    [Fact]
    public async Task When_nothing_answers_at_the_metadata_address_every_token_is_refused()
    {
        var closedPort = $"http://127.0.0.1:{FreePort()}/v1/.well-known/openidconfiguration";
        var auth = new BotFrameworkAuthenticator(
            new TeamsSafeguarding.Teams.BotOptions { MicrosoftAppId = AppId, AllowedTenantIds = [Tenant] },
            new SigningKeyCache(closedPort, SigningKeyCache.DocumentRetrieverFor(closedPort, new HttpClient()), _clock));

        var result = await auth.AuthenticateAsync("Bearer " + _issuer.MintToken(AppId, ServiceUrl), "msteams", ServiceUrl,
            Tenant, CancellationToken.None);

        Assert.False(result.Succeeded);
        Assert.Contains("could not be downloaded", result.FailureReason);
    }

    [Fact]
    public async Task After_a_failed_download_the_next_attempt_waits_a_little_then_succeeds()
    {
        _issuer.Available = false;
        Assert.False((await Authenticate()).Succeeded);
        var attempts = _issuer.MetadataRequests; // HttpDocumentRetriever itself retries a 503 once
        _issuer.Available = true;

        Assert.False((await Authenticate()).Succeeded);
        Assert.Equal(attempts, _issuer.MetadataRequests);

        _clock.Advance(SigningKeyCache.RetryAfterFailure);
        Assert.True((await Authenticate()).Succeeded);
    }

    [Fact]
    public async Task When_a_later_download_fails_the_keys_already_downloaded_are_kept()
    {
        Assert.True((await Authenticate()).Succeeded);
        _issuer.Available = false;
        _clock.Advance(SigningKeyCache.AutomaticRefreshInterval);

        var result = await Authenticate();

        Assert.True(result.Succeeded, result.FailureReason);
        Assert.True(_issuer.MetadataRequests > 1); // the download was attempted, and failed

    }

    [Fact]
    public async Task A_metadata_document_without_jwks_uri_is_a_failed_download()
    {
        var cache = new SigningKeyCache("https://login.example/meta", new FixedDocuments(new() { ["https://login.example/meta"] = "{}" }), _clock);
        Assert.Null(await cache.GetAsync(CancellationToken.None));
    }

    [Fact]
    public async Task A_jwks_that_is_not_json_is_a_failed_download()
    {
        var cache = new SigningKeyCache("https://login.example/meta", new FixedDocuments(new()
        {
            ["https://login.example/meta"] = """{"jwks_uri":"https://login.example/keys"}""",
            ["https://login.example/keys"] = "<html>maintenance</html>",
        }), _clock);
        Assert.Null(await cache.GetAsync(CancellationToken.None));
    }

    [Theory]
    [InlineData("http://localhost:5000/meta", false)]
    [InlineData("http://127.0.0.1:5000/meta", false)]
    [InlineData("https://login.botframework.com/v1/.well-known/openidconfiguration", true)]
    [InlineData("http://login.botframework.com/v1/.well-known/openidconfiguration", true)]
    [InlineData("http://localhost.evil.example/meta", true)]
    [InlineData("http://10.0.0.5/meta", true)]
    public void Plain_http_is_allowed_only_for_a_local_test_issuer(string metadataUrl, bool requireHttps)
    {
        var retriever = Assert.IsType<HttpDocumentRetriever>(SigningKeyCache.DocumentRetrieverFor(metadataUrl, new HttpClient()));
        Assert.Equal(requireHttps, retriever.RequireHttps);
    }

    private static int FreePort()
    {
        var listener = new System.Net.Sockets.TcpListener(System.Net.IPAddress.Loopback, 0);
        listener.Start();
        var port = ((System.Net.IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();
        return port;
    }

    private sealed class FixedDocuments(Dictionary<string, string> documents) : IDocumentRetriever
    {
        public Task<string> GetDocumentAsync(string address, CancellationToken cancel) => Task.FromResult(documents[address]);
    }
}
