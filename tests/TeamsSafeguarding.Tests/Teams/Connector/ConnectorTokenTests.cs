using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;
using TeamsSafeguarding.Teams;
using TeamsSafeguarding.Teams.Connector;
using Xunit;

namespace TeamsSafeguarding.Tests.Teams.Connector;

public sealed class ConnectorTokenTests
{
    private const string Scope = "https://api.botframework.com/.default";
    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2026, 3, 2, 9, 0, 0, TimeSpan.Zero));

    private (CachedConnectorTokenProvider Cache, FakeTokenCredential Entra) CachedOverFakeEntra()
    {
        var entra = new FakeTokenCredential(_time) { Lifetime = TimeSpan.FromHours(1) };
        return (new CachedConnectorTokenProvider(new ClientCredentialsTokenProvider(entra, Scope), _time), entra);
    }

    [Fact]
    public async Task A_token_is_reused_until_five_minutes_before_it_expires_then_refreshed()
    {
        var (cache, entra) = CachedOverFakeEntra();

        var first = await cache.GetTokenAsync(default);
        _time.Advance(TimeSpan.FromMinutes(54) + TimeSpan.FromSeconds(59));
        var stillFirst = await cache.GetTokenAsync(default);
        _time.Advance(TimeSpan.FromSeconds(1)); // now exactly 5 minutes before expiry
        var second = await cache.GetTokenAsync(default);
        var stillSecond = await cache.GetTokenAsync(default);

        Assert.Equal("token-1", first!.Value);
        Assert.Equal("token-1", stillFirst!.Value);
        Assert.Equal("token-2", second!.Value);
        Assert.Same(second, stillSecond);
        Assert.Equal(2, entra.Issued);
    }

    [Fact]
    public async Task Callers_arriving_together_share_one_token_request()
    {
        var (cache, entra) = CachedOverFakeEntra();
        var release = new TaskCompletionSource();
        entra.Gate = release.Task;

        var callers = Enumerable.Range(0, 8).Select(_ => cache.GetTokenAsync(default).AsTask()).ToArray();
        release.SetResult();
        var tokens = await Task.WhenAll(callers);

        Assert.All(tokens, t => Assert.Equal("token-1", t!.Value));
        Assert.Equal(1, entra.Issued);
    }

    [Fact]
    public async Task The_client_credentials_provider_asks_for_the_connector_scope_and_keeps_the_expiry()
    {
        var entra = new FakeTokenCredential(_time) { Lifetime = TimeSpan.FromMinutes(70) };

        var token = await new ClientCredentialsTokenProvider(entra, Scope).GetTokenAsync(default);

        Assert.Equal([Scope], Assert.Single(entra.RequestedScopes));
        Assert.Equal(_time.GetUtcNow() + TimeSpan.FromMinutes(70), token!.ExpiresOn);
    }

    [Fact]
    public void A_configured_app_without_its_secret_stops_start_up_with_a_clear_message()
    {
        var e = Assert.Throws<InvalidOperationException>(() => ClientCredentialsTokenProvider.FromOptions(
            new BotOptions { MicrosoftAppId = "00000000-0000-0000-0000-000000000001", MicrosoftAppTenantId = "tenant" }));

        Assert.Contains("Bot:MicrosoftAppPassword", e.Message);
    }

    [Fact]
    public async Task Registration_sends_no_token_when_authentication_is_disabled()
    {
        using var services = Services(new BotOptions());

        var tokens = services.GetRequiredService<IConnectorTokenProvider>();

        Assert.Null(await tokens.GetTokenAsync(default));
    }

    [Fact]
    public void Registration_uses_cached_client_credentials_when_an_app_is_configured()
    {
        using var services = Services(new BotOptions
        {
            MicrosoftAppId = "00000000-0000-0000-0000-000000000001",
            MicrosoftAppPassword = "not-a-real-secret",
            MicrosoftAppTenantId = "00000000-0000-0000-0000-000000000002",
        });

        Assert.IsType<CachedConnectorTokenProvider>(services.GetRequiredService<IConnectorTokenProvider>());
        Assert.IsType<ConnectorClient>(services.GetRequiredService<IConnectorClient>());
    }

    private static ServiceProvider Services(BotOptions bot)
    {
        var services = new ServiceCollection();
        services.AddLogging();
        services.AddSingleton(Options.Create(bot));
        services.AddConnectorClient();
        return services.BuildServiceProvider();
    }
}
