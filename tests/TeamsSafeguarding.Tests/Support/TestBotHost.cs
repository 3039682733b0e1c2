using System.Net;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;

namespace TeamsSafeguarding.Tests.Support;

/// <summary>
/// The real bot (Program) on Kestrel at http://127.0.0.1:{free port}, in the Development environment,
/// storing in its own table on Azurite. Reachable over real HTTP, so the Agents Playground can call it.
/// </summary>
public sealed class TestBotHost : IDisposable, IAsyncDisposable
{
    /// <summary>The tenant of the mock Teams data (infra/playground/mock.yml and the vendored fixtures).</summary>
    public const string MockTenantId = "00000000-0000-0000-0000-0000000000001";

    private readonly BotFactory factory;

    private TestBotHost(BotFactory factory, Uri baseAddress, string tableName)
    {
        this.factory = factory;
        BaseAddress = baseAddress;
        TableName = tableName;
    }

    /// <summary>e.g. http://127.0.0.1:41234/</summary>
    public Uri BaseAddress { get; }

    /// <summary>The bot's messaging endpoint (POST /api/messages).</summary>
    public Uri MessagesEndpoint => new(BaseAddress, "api/messages");

    /// <summary>The app's services (resolve singletons such as TableClient or your own test doubles).</summary>
    public IServiceProvider Services => factory.Services;

    /// <summary>The table this host stores in (Storage:TableName), created by the app at start.</summary>
    public string TableName { get; }

    /// <summary>Starts the bot with a fresh table on <paramref name="azurite"/>.</summary>
    /// <param name="settings">Configuration overrides, e.g. ["Bot:MaxRequestBytes"] = "1024"; they win over appsettings.</param>
    /// <param name="configureServices">Runs after Program's registrations (ConfigureTestServices): replace services here.</param>
    public static TestBotHost Start(AzuriteFixture azurite, IReadOnlyDictionary<string, string?>? settings = null,
        Action<IServiceCollection>? configureServices = null) =>
        Start(azurite.ConnectionString, azurite.NewTableName("Bot"), settings, configureServices);

    public static TestBotHost Start(string storageConnectionString, string tableName,
        IReadOnlyDictionary<string, string?>? settings = null, Action<IServiceCollection>? configureServices = null)
    {
        var all = new Dictionary<string, string?>
        {
            ["Bot:MicrosoftAppId"] = "",
            ["Bot:AllowedTenantIds:0"] = MockTenantId,
            ["Storage:ConnectionString"] = storageConnectionString,
            ["Storage:TableName"] = tableName,
            ["Logging:LogLevel:Default"] = "Warning",
        };
        foreach (var (key, value) in settings ?? new Dictionary<string, string?>()) all[key] = value;

        // What the host logged while starting, at every level, to say why when it does not.
        var startLog = new LogCapture();
        var factory = new BotFactory(all, services =>
        {
            startLog.AddTo(services);
            configureServices?.Invoke(services);
        });
        try
        {
            factory.UseKestrel(kestrel => kestrel.Listen(IPAddress.Loopback, 0));
            // Start-up creates the table and stores the board's roles on Azurite: slow on a busy machine, so it gets
            // the generous start-up wait, ending as soon as the host is listening.
            var starting = Task.Run(factory.StartServer);
            if (!starting.Wait(StartupWait.Timeout))
                throw new TimeoutException($"The bot host did not start within {StartupWait.Timeout.TotalSeconds:0} s. {LastLog(startLog)}");
            var address = factory.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!
                .Addresses.First();
            return new TestBotHost(factory, new Uri(address.TrimEnd('/') + "/"), tableName);
        }
        catch (AggregateException e) when (e.InnerExceptions.Count == 1)
        {
            factory.Dispose();
            var cause = e.InnerException!;
            throw new InvalidOperationException($"The bot host did not start: {cause.GetType().Name}: {cause.Message} {LastLog(startLog)}", cause);
        }
        catch
        {
            // A host that failed to start may already have disposed parts of itself: the start-up failure is the news.
            try { factory.Dispose(); } catch (ObjectDisposedException) { }
            throw;
        }
    }

    private static string LastLog(LogCapture log) =>
        "Its last log lines:" + Environment.NewLine + StartupWait.LastLines(log.Entries.Select(e => e.ToString()).ToList());

    /// <summary>An HttpClient whose BaseAddress is this host.</summary>
    public HttpClient CreateClient() => new() { BaseAddress = BaseAddress };

    public void Dispose() => factory.Dispose();

    public ValueTask DisposeAsync() => factory.DisposeAsync();

    private sealed class BotFactory(IReadOnlyDictionary<string, string?> settings, Action<IServiceCollection>? configureServices)
        : WebApplicationFactory<Program>
    {
        protected override void ConfigureWebHost(IWebHostBuilder builder)
        {
            builder.UseEnvironment("Development");
            // UseSetting (not ConfigureAppConfiguration) so that values Program reads before Build() see them too.
            foreach (var (key, value) in settings) builder.UseSetting(key, value);
            if (configureServices is not null) builder.ConfigureTestServices(configureServices);
        }
    }
}
