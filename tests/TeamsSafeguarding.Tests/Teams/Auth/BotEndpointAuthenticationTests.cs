using System.Collections.Concurrent;
using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using TeamsSafeguarding.Teams;
using Xunit;

namespace TeamsSafeguarding.Tests.Teams.Auth;

/// <summary>POST /api/messages through the real app: a refused token never reaches the bot.</summary>
public sealed class BotEndpointAuthenticationTests : IAsyncLifetime
{
    private const string AppId = "11111111-2222-3333-4444-555555555555";
    private const string ServiceUrl = "https://smba.trafficmanager.net/uk/";
    private const string Tenant = "00000000-0000-0000-0000-0000000000001"; // the Playground fixture's tenant

    private TestTokenIssuer _issuer = null!;
    private WebApplicationFactory<Program> _app = null!;
    private readonly RecordingBot _bot = new();

    public async Task InitializeAsync()
    {
        _issuer = await TestTokenIssuer.StartAsync();
        _app = new WebApplicationFactory<Program>().WithWebHostBuilder(web =>
        {
            web.UseEnvironment(Environments.Production);
            web.UseSetting("Bot:MicrosoftAppId", AppId);
            // With an app id the bot also needs its secret for outbound tokens (never used here).
            web.UseSetting("Bot:MicrosoftAppPassword", "test-secret");
            web.UseSetting("Bot:OpenIdMetadataUrl", _issuer.MetadataUrl);
            web.UseSetting("Bot:AllowedTenantIds:0", Tenant);
            web.UseSetting("Storage:ConnectionString", "UseDevelopmentStorage=true");
            web.ConfigureTestServices(services =>
            {
                // Storage is not under test: drop the app's own hosted services (table creation, sweeping).
                var ours = services.Where(d => d.ServiceType == typeof(IHostedService)
                    && d.ImplementationType?.Assembly == typeof(Program).Assembly).ToList();
                foreach (var descriptor in ours) services.Remove(descriptor);
                services.AddSingleton<IBot>(_bot);
                services.AddSingleton<IActivityDeduplicator, FirstDeliveryOnly>();
            });
        });
    }

    public async Task DisposeAsync()
    {
        await _app.DisposeAsync();
        await _issuer.DisposeAsync();
    }

    private static JsonObject PlaygroundMessage(string serviceUrl)
    {
        var fixture = JsonNode.Parse(File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "Fixtures", "playground", "message-personal.json")))!;
        var activity = fixture["activity"]!.AsObject().DeepClone().AsObject();
        activity["serviceUrl"] = serviceUrl;
        activity["id"] = Guid.NewGuid().ToString();
        return activity;
    }

    private async Task<(HttpResponseMessage Response, string ActivityId)> Post(string? authorization, JsonObject? activity = null)
    {
        activity ??= PlaygroundMessage(ServiceUrl);
        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/messages")
        {
            Content = new StringContent(activity.ToJsonString(), Encoding.UTF8, "application/json"),
        };
        if (authorization is not null) request.Headers.TryAddWithoutValidation("Authorization", authorization);
        var response = await _app.CreateClient().SendAsync(request);
        return (response, activity["id"]!.GetValue<string>());
    }

    [Fact]
    public async Task A_valid_Bot_Connector_token_reaches_the_bot()
    {
        var (response, id) = await Post("Bearer " + _issuer.MintToken(AppId, ServiceUrl));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(1, _bot.TimesCalledWith(id));
    }

    [Fact]
    public async Task A_request_without_a_token_is_401_and_never_reaches_the_bot()
    {
        var (response, id) = await Post(null);

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Equal("", await response.Content.ReadAsStringAsync());
        Assert.Equal(0, _bot.TimesCalledWith(id));
    }

    [Fact]
    public async Task A_token_for_another_bot_is_401_and_never_reaches_the_bot()
    {
        var (response, id) = await Post("Bearer " + _issuer.MintToken(AppId, ServiceUrl, audience: "someone-else"));

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Equal(0, _bot.TimesCalledWith(id));
    }

    [Fact]
    public async Task A_token_issued_for_another_service_url_is_401_and_never_reaches_the_bot()
    {
        // A genuine token replayed with an activity that asks us to reply elsewhere.
        var (response, id) = await Post("Bearer " + _issuer.MintToken(AppId, ServiceUrl),
            PlaygroundMessage("https://attacker.example/"));

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Equal(0, _bot.TimesCalledWith(id));
    }

    [Fact]
    public async Task An_activity_from_a_tenant_that_is_not_allowed_is_401_and_never_reaches_the_bot()
    {
        var activity = PlaygroundMessage(ServiceUrl);
        activity["channelData"]!["tenant"]!["id"] = "99999999-0000-0000-0000-000000000000";
        activity["conversation"]!["tenantId"] = "99999999-0000-0000-0000-000000000000";

        var (response, id) = await Post("Bearer " + _issuer.MintToken(AppId, ServiceUrl), activity);

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Equal(0, _bot.TimesCalledWith(id));
    }

    private sealed class RecordingBot : IBot
    {
        private readonly ConcurrentDictionary<string, int> _calls = new();

        public int TimesCalledWith(string activityId) => _calls.GetValueOrDefault(activityId);

        public Task<InvokeResponse?> OnActivityAsync(Activity activity, CancellationToken cancellationToken)
        {
            _calls.AddOrUpdate(activity.Id ?? "", 1, (_, n) => n + 1);
            return Task.FromResult<InvokeResponse?>(null);
        }
    }

    private sealed class FirstDeliveryOnly : IActivityDeduplicator
    {
        private readonly ConcurrentDictionary<(string, string), InvokeResponse?> _seen = new();

        public Task<bool> TryClaimAsync(string conversationId, string activityId, CancellationToken cancellationToken) =>
            Task.FromResult(_seen.TryAdd((conversationId, activityId), null));

        public Task ReleaseAsync(string conversationId, string activityId, CancellationToken cancellationToken)
        {
            _seen.TryRemove((conversationId, activityId), out _);
            return Task.CompletedTask;
        }

        public Task RememberResponseAsync(string conversationId, string activityId, InvokeResponse response, CancellationToken cancellationToken)
        {
            _seen[(conversationId, activityId)] = response;
            return Task.CompletedTask;
        }

        public Task<InvokeResponse?> FindResponseAsync(string conversationId, string activityId, CancellationToken cancellationToken) =>
            Task.FromResult(_seen.GetValueOrDefault((conversationId, activityId)));
    }
}
