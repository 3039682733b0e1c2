using System.Text.Json.Nodes;
using Azure.Core;
using Azure.Data.Tables;
using Azure.Identity;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;
using TeamsSafeguarding.Board;
using TeamsSafeguarding.Teams;
using TeamsSafeguarding.Teams.Connector;
using TeamsSafeguarding.Tests.Support;
using Xunit;

namespace TeamsSafeguarding.Tests.Deploy;

/// <summary>
/// The bot as Azure runs it: the Production environment, bot/appsettings.json, and the app settings infra/azure/main.bicep
/// gives the web app. It must bind and pass every start-up check with no secret anywhere: storage through the managed
/// identity, outbound tokens from the same identity. Background services are left out, so nothing asks Azure for a token.
/// </summary>
[Collection(Alone)]
public sealed class ProductionConfigurationTests
{
    /// <summary>
    /// Run after the parallel tests, alone: a start that fails here once threw ObjectDisposedException instead of its own
    /// error in the full suite, while other tests built hosts from the same Program at the same time.
    /// </summary>
    public const string Alone = "Production start-up, alone";

    private const string IdentityClientId = "5b2f7e63-3c5e-4b8e-9a43-4f0c1d2e3a4b";
    private const string TenantId = "72f988bf-86f1-41af-91ab-2d7cd011db47";

    /// <summary>What Azure puts in each app setting main.bicep names (the names are read from the compiled template).</summary>
    private static readonly Dictionary<string, string> FromBicep = new()
    {
        ["ASPNETCORE_ENVIRONMENT"] = "Production",
        ["WEBSITES_PORT"] = "8080", // App Service, for the container image
        ["AZURE_CLIENT_ID"] = IdentityClientId,
        ["Bot__MicrosoftAppId"] = IdentityClientId,
        ["Bot__MicrosoftAppType"] = "UserAssignedMSI",
        ["Bot__MicrosoftAppTenantId"] = TenantId,
        ["Storage__TableEndpoint"] = "https://stexamplesab.table.core.windows.net/",
        ["Storage__TableName"] = "Safeguarding",
        ["Board__Name"] = "Example Safeguarding Adults Board",
        ["CaseReference__Prefix"] = "SAB",
        ["Board__CoordinatorsChannelId"] = "19:coordinators@thread.tacv2",
        ["Board__PartnersChannelId"] = "19:partners@thread.tacv2",
        ["Board__Process__CalendarRegion"] = "EnglandAndWales",
        // From the loops over the allowed tenants, roles and partners.
        ["Bot__AllowedTenantIds__0"] = TenantId,
        ["Board__Coordinators__0"] = "00000000-0000-0000-0000-000000000001",
        ["Board__Chairs__0"] = "00000000-0000-0000-0000-000000000002",
        ["Board__Partners__0__Id"] = "la",
        ["Board__Partners__0__Name"] = "Local authority",
        ["Board__Partners__0__Members__0"] = "00000000-0000-0000-0000-000000000003",
        ["Board__Partners__1__Id"] = "police",
        ["Board__Partners__1__Name"] = "Police",
        ["Board__Partners__1__Members__0"] = "00000000-0000-0000-0000-000000000004",
        ["Board__Partners__2__Id"] = "icb",
        ["Board__Partners__2__Name"] = "NHS integrated care board",
        ["Board__Partners__2__Members__0"] = "00000000-0000-0000-0000-000000000005",
    };

    /// <summary>Set by the Bicep, left out here: with it the Azure Monitor exporter would send (see TelemetryExporterTests).</summary>
    private const string AppInsights = "APPLICATIONINSIGHTS_CONNECTION_STRING";

    [Fact]
    public async Task The_settings_the_Bicep_gives_bind_and_validate_with_no_secret_and_use_the_managed_identity()
    {
        var names = await BicepTests.CompiledAppSettingNamesAsync();
        Assert.DoesNotContain(names, n => n != AppInsights && !FromBicep.ContainsKey(n)); // a new setting needs a value here

        await using var bot = ProductionBot.Start(FromBicep);

        var services = bot.Services;
        Assert.IsType<ManagedIdentityCredential>(services.GetRequiredService<TokenCredential>());
        var table = services.GetRequiredService<TableClient>();
        Assert.Equal("stexamplesab.table.core.windows.net", table.Uri.Host);
        Assert.Equal("Safeguarding", table.Name);
        Assert.IsType<CachedConnectorTokenProvider>(services.GetRequiredService<IConnectorTokenProvider>());
        Assert.Equal(["la", "police", "icb"], services.GetRequiredService<IOptions<BoardOptions>>().Value.Partners.Select(p => p.Id));
        var configuration = services.GetRequiredService<IConfiguration>();
        Assert.True(string.IsNullOrEmpty(configuration["Bot:MicrosoftAppPassword"]));
        Assert.True(string.IsNullOrEmpty(configuration["Storage:ConnectionString"]));
    }

    [Fact]
    public void Production_stops_at_start_when_no_storage_is_configured_and_says_which_setting()
    {
        var settings = new Dictionary<string, string>(FromBicep);
        settings.Remove("Storage__TableEndpoint");

        var error = Assert.ThrowsAny<Exception>(() => ProductionBot.Start(settings));

        Assert.True(error.ToString().Contains("Storage:TableEndpoint"), error.ToString());
    }

    [Fact]
    public void Outbound_tokens_come_from_the_managed_identity_without_a_secret_and_an_Entra_app_still_needs_its_secret()
    {
        var msi = new BotOptions { MicrosoftAppId = IdentityClientId, MicrosoftAppType = "UserAssignedMSI" };
        Assert.NotNull(ClientCredentialsTokenProvider.FromOptions(msi));

        var app = new BotOptions { MicrosoftAppId = IdentityClientId, MicrosoftAppType = "SingleTenant", MicrosoftAppTenantId = TenantId };
        var error = Assert.Throws<InvalidOperationException>(() => ClientCredentialsTokenProvider.FromOptions(app));
        Assert.Contains("Bot:MicrosoftAppPassword", error.Message);
    }

    [Fact]
    public void Appsettings_json_holds_no_secret()
    {
        var settings = JsonNode.Parse(File.ReadAllText(RepoRoot.Combine("bot", "appsettings.json")),
            documentOptions: new() { CommentHandling = System.Text.Json.JsonCommentHandling.Skip })!;

        var secretish = Leaves(settings, "")
            .Where(l => l.Path.Contains("Password") || l.Path.Contains("Secret") || l.Path.Contains("ConnectionString") || l.Path.EndsWith("Key"))
            .ToList();

        Assert.NotEmpty(secretish); // the keys are there, documented
        Assert.All(secretish, l => Assert.True(l.Value == "", $"{l.Path} has a value in appsettings.json"));
    }

    private static IEnumerable<(string Path, string Value)> Leaves(JsonNode node, string path) => node switch
    {
        JsonObject o => o.SelectMany(p => p.Value is null ? [] : Leaves(p.Value, path + "/" + p.Key)),
        JsonArray a => a.SelectMany((item, i) => item is null ? [] : Leaves(item, $"{path}/{i}")),
        _ => [(path, node.ToString())],
    };

    /// <summary>The real Program in the Production environment on an in-memory server, with no background services.</summary>
    private sealed class ProductionBot(IReadOnlyDictionary<string, string> appSettings) : WebApplicationFactory<Program>
    {
        public static ProductionBot Start(IReadOnlyDictionary<string, string> appSettings)
        {
            var bot = new ProductionBot(appSettings);
            try
            {
                _ = bot.Server; // builds and starts the host: options validation runs here
                return bot;
            }
            catch
            {
                // The failed start may already have disposed the host (Program's own shutdown runs on another thread);
                // the start-up error is what the caller needs, not a second failure while tidying up.
                try { bot.Dispose(); } catch (ObjectDisposedException) { }
                throw;
            }
        }

        protected override void ConfigureWebHost(IWebHostBuilder builder)
        {
            builder.UseEnvironment(Environments.Production);
            // App settings arrive as environment variables, where "__" stands for ":".
            foreach (var (name, value) in appSettings) builder.UseSetting(name.Replace("__", ":"), value);
            builder.ConfigureTestServices(services => services.RemoveAll<IHostedService>());
        }
    }
}

[CollectionDefinition(ProductionConfigurationTests.Alone, DisableParallelization = true)]
public sealed class ProductionStartUpCollection;
