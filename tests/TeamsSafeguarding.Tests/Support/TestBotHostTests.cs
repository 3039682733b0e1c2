using System.Net;
using System.Text;
using System.Text.Json.Nodes;
using Azure.Data.Tables;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using TeamsSafeguarding.Storage;
using TeamsSafeguarding.Teams;
using TeamsSafeguarding.Tests.EndToEnd;
using Xunit;

namespace TeamsSafeguarding.Tests.Support;

[Collection("Azurite")]
public sealed class TestBotHostTests(AzuriteFixture azurite)
{
    [Fact]
    public async Task Serves_the_real_endpoint_over_http_with_its_own_table_and_the_mock_tenant()
    {
        var bot = new RecordingBot();
        await using var host = TestBotHost.Start(azurite, configureServices: s => s.AddSingleton<IBot>(bot));
        using var client = host.CreateClient();

        using var allowed = await client.PostAsync("api/messages", Activity("conversationUpdate", TestBotHost.MockTenantId));
        using var refused = await client.PostAsync("api/messages", Activity("conversationUpdate", "another-tenant"));

        Assert.Equal("127.0.0.1", host.BaseAddress.Host);
        Assert.Equal(HttpStatusCode.OK, allowed.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, refused.StatusCode);
        Assert.Single(bot.Received);
        Assert.Equal(host.TableName, host.Services.GetRequiredService<TableClient>().Name);
        var tables = new TableServiceClient(azurite.ConnectionString).Query(t => t.Name == host.TableName).ToList();
        Assert.Single(tables);
    }

    [Fact]
    public async Task Settings_override_configuration()
    {
        await using var host = TestBotHost.Start(azurite,
            new Dictionary<string, string?> { ["Bot:MaxRequestBytes"] = "100" },
            s => s.AddSingleton<IBot>(new RecordingBot()));
        using var client = host.CreateClient();

        using var response = await client.PostAsync("api/messages", Activity("message", TestBotHost.MockTenantId, new string('x', 200)));

        Assert.Equal(100, host.Services.GetRequiredService<IOptions<BotOptions>>().Value.MaxRequestBytes);
        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, response.StatusCode);
    }

    private static StringContent Activity(string type, string tenant, string text = "") =>
        new(new JsonObject
        {
            ["type"] = type,
            ["id"] = Guid.NewGuid().ToString(),
            ["channelId"] = "msteams",
            ["text"] = text,
            ["serviceUrl"] = "http://127.0.0.1:9/_connector",
            ["conversation"] = new JsonObject { ["id"] = "c1", ["tenantId"] = tenant },
            ["channelData"] = new JsonObject { ["tenant"] = new JsonObject { ["id"] = tenant } },
        }.ToJsonString(), Encoding.UTF8, "application/json");
}
