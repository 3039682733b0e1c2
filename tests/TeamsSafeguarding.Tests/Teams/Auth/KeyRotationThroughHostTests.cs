using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json.Nodes;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using TeamsSafeguarding.Tests.Endpoint;
using TeamsSafeguarding.Tests.Support;
using Xunit;

namespace TeamsSafeguarding.Tests.Teams.Auth;

/// <summary>
/// The real host validating Bot Connector tokens against a local issuer, with an injected clock: a token naming a
/// junk key id, sent just before the Bot Connector rotates its keys, cannot lock the genuine new key out for long.
/// </summary>
[Collection("Azurite")]
public sealed class KeyRotationThroughHostTests(AzuriteFixture azurite) : IAsyncLifetime
{
    private const string AppId = "11111111-2222-3333-4444-555555555555";
    private readonly FakeTimeProvider clock = new(DateTimeOffset.UtcNow);
    private TestTokenIssuer issuer = null!;
    private BotUnderTest bot = null!;

    public async Task InitializeAsync()
    {
        issuer = await TestTokenIssuer.StartAsync();
        bot = await BotUnderTest.StartAsync(azurite, new Dictionary<string, string?>
        {
            ["Bot:MicrosoftAppId"] = AppId,
            ["Bot:MicrosoftAppPassword"] = "test-secret",
            ["Bot:OpenIdMetadataUrl"] = issuer.MetadataUrl,
        }, services => services.AddSingleton<TimeProvider>(clock));
    }

    public async Task DisposeAsync()
    {
        if (bot is not null) await bot.DisposeAsync();
        if (issuer is not null) await issuer.DisposeAsync();
    }

    [Fact]
    public async Task A_junk_key_id_just_before_a_rotation_locks_the_new_key_out_for_at_most_thirty_seconds()
    {
        Assert.Equal(HttpStatusCode.OK, await PostSignedWithAsync(TestTokenIssuer.DefaultKeyId));

        // The attacker: a token naming a key nobody publishes makes the bot download the keys again, in vain.
        issuer.AddKey("junk", publish: false);
        Assert.Equal(HttpStatusCode.Unauthorized, await PostSignedWithAsync("junk"));
        var downloads = issuer.JwksRequests;

        // A moment later the Bot Connector rotates in a new key and signs with it at once.
        issuer.AddKey("rotated-in", publish: false);
        issuer.Publish("rotated-in");
        clock.Advance(TimeSpan.FromSeconds(5));
        Assert.Equal(HttpStatusCode.Unauthorized, await PostSignedWithAsync("rotated-in")); // within the refresh throttle
        Assert.Equal(downloads, issuer.JwksRequests);

        // Thirty seconds after the junk refresh, an unknown key id refreshes again and the genuine key is accepted.
        clock.Advance(TimeSpan.FromSeconds(25));
        Assert.Equal(HttpStatusCode.OK, await PostSignedWithAsync("rotated-in"));
        Assert.Equal(downloads + 1, issuer.JwksRequests);
    }

    [Fact]
    public async Task Junk_key_ids_make_at_most_one_download_per_thirty_seconds()
    {
        Assert.Equal(HttpStatusCode.OK, await PostSignedWithAsync(TestTokenIssuer.DefaultKeyId));
        var before = issuer.JwksRequests;
        issuer.AddKey("junk", publish: false);

        for (var i = 0; i < 20; i++)
        {
            Assert.Equal(HttpStatusCode.Unauthorized, await PostSignedWithAsync("junk"));
            clock.Advance(TimeSpan.FromSeconds(3));
        }

        // 60 seconds of junk: two refreshes (at 0 s and 30 s), not twenty.
        Assert.InRange(issuer.JwksRequests - before, 1, 2);
    }

    /// <summary>An activity that stores nothing but the redelivery guard and sends nothing (a reaction), signed with <paramref name="keyId"/>.</summary>
    private async Task<HttpStatusCode> PostSignedWithAsync(string keyId)
    {
        var reaction = bot.Fixture("message-personal.json");
        reaction["type"] = "messageReaction";
        reaction.Remove("text");
        reaction["reactionsAdded"] = new JsonArray(new JsonObject { ["type"] = "like" });
        using var request = new HttpRequestMessage(HttpMethod.Post, "api/messages")
        {
            Content = new StringContent(reaction.ToJsonString(), Encoding.UTF8, "application/json"),
        };
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", issuer.MintToken(AppId, bot.Connector.ServiceUrl, keyId));
        using var response = await bot.Http.SendAsync(request);
        return response.StatusCode;
    }
}
