using System.Net;
using System.Text.Json.Nodes;
using Azure.Data.Tables;
using Microsoft.Extensions.DependencyInjection;
using TeamsSafeguarding.Tests.Support;
using Xunit;

namespace TeamsSafeguarding.Tests.Endpoint;

/// <summary>/healthz (readiness), /health/live and /api/messages while Table Storage answers, and while it does not.</summary>
[Collection("Azurite")]
public sealed class HealthAndStorageOutageTests(AzuriteFixture azurite) : IAsyncLifetime
{
    private readonly StorageLine line = new();
    private BotUnderTest bot = null!;

    // Azurite, reached through a line the test can cut.
    public async Task InitializeAsync() => bot = await BotUnderTest.StartBehindAsync(azurite, line, "health");

    public async Task DisposeAsync()
    {
        if (bot is not null) await bot.DisposeAsync();
    }

    [Fact]
    public async Task Healthz_is_200_while_storage_answers()
    {
        using var response = await bot.Http.GetAsync("healthz");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("ok", JsonNode.Parse(await response.Content.ReadAsStringAsync())!["storage"]!.GetValue<string>());
    }

    [Fact]
    public async Task Healthz_is_503_when_storage_is_unreachable_and_says_only_that()
    {
        line.Cut = true;

        using var response = await bot.Http.GetAsync("healthz");
        var body = await response.Content.ReadAsStringAsync();

        Assert.Equal(HttpStatusCode.ServiceUnavailable, response.StatusCode);
        Assert.Equal("unreachable", JsonNode.Parse(body)!["storage"]!.GetValue<string>());
        MessagesEndpointTests.AssertNoInternals(body);

        line.Cut = false;
        using var back = await bot.Http.GetAsync("healthz");
        Assert.Equal(HttpStatusCode.OK, back.StatusCode);
    }

    [Fact]
    public async Task Readiness_follows_storage_and_liveness_does_not_so_an_outage_takes_traffic_away_without_a_restart()
    {
        line.Cut = true;

        using var ready = await bot.Http.GetAsync("health/ready");
        using var live = await bot.Http.GetAsync("health/live");

        Assert.Equal(HttpStatusCode.ServiceUnavailable, ready.StatusCode);
        Assert.Equal("unreachable", JsonNode.Parse(await ready.Content.ReadAsStringAsync())!["storage"]!.GetValue<string>());
        Assert.Equal(HttpStatusCode.OK, live.StatusCode);
        Assert.Equal("healthy", JsonNode.Parse(await live.Content.ReadAsStringAsync())!["status"]!.GetValue<string>());
    }

    [Fact]
    public async Task An_activity_that_arrives_during_an_outage_gets_a_bare_5xx_so_Teams_sends_it_again()
    {
        var help = bot.PersonalMessage("help");
        line.Cut = true;

        using var during = await bot.PostAsync(help);
        var body = await during.Content.ReadAsStringAsync();

        Assert.True((int)during.StatusCode >= 500, $"answered {(int)during.StatusCode}");
        MessagesEndpointTests.AssertNoInternals(body);

        line.Cut = false;
        using var redelivered = await bot.PostAsync(help);
        Assert.Equal(HttpStatusCode.OK, redelivered.StatusCode);
        await bot.Connector.WaitForCallAsync(c => c.Operation == ConnectorOperation.SendToConversation, TimeSpan.FromSeconds(60));
    }

    /// <summary>Passes requests to Azurite until cut, then fails them as a dead network would.</summary>
    private sealed class StorageLine() : DelegatingHandler(new SocketsHttpHandler())
    {
        public volatile bool Cut;

        protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken ct) =>
            Cut ? throw new HttpRequestException("Connection refused (test: storage line cut)") : base.SendAsync(request, ct);
    }
}
