using Microsoft.Extensions.DependencyInjection;
using TeamsSafeguarding.Tests.Support;

namespace TeamsSafeguarding.Tests.EndToEnd;

/// <summary>
/// The real bot (Development settings, its own Azurite table, the given clock) with the real Agents Playground
/// pointed at it, and a driver acting as the Playground's people: what each end-to-end test starts from.
/// </summary>
public sealed class BotInPlayground : IAsyncDisposable
{
    private BotInPlayground(TestBotHost host, PlaygroundSession playground)
    {
        Host = host;
        Playground = playground;
        Driver = new PlaygroundDriver(playground);
    }

    public TestBotHost Host { get; }
    public PlaygroundSession Playground { get; }
    public PlaygroundDriver Driver { get; }

    /// <param name="settings">Configuration on top of the Development settings (e.g. a fake Graph's address).</param>
    public static async Task<BotInPlayground> StartAsync(AzuriteFixture azurite, TimeProvider clock, IReadOnlyDictionary<string, string?>? settings = null)
    {
        var host = TestBotHost.Start(azurite, settings, configureServices: services => services.AddSingleton(clock));
        try
        {
            return new BotInPlayground(host, await PlaygroundSession.StartAsync(host.MessagesEndpoint));
        }
        catch
        {
            await host.DisposeAsync();
            throw;
        }
    }

    public async ValueTask DisposeAsync()
    {
        await Playground.DisposeAsync();
        await Host.DisposeAsync();
    }
}
