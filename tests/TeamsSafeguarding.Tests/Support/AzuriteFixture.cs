using System.Text.RegularExpressions;
using Azure.Data.Tables;
using Xunit;

namespace TeamsSafeguarding.Tests.Support;

/// <summary>
/// One real Azurite (Table service) for the whole test run, on a free port with in-memory data; each test
/// class gets fresh tables from <see cref="NewTable"/>. Installed by infra/test.sh (npm ci in infra/), run through
/// <see cref="NodeToolProcess"/> so it stops with the test host, and given <see cref="StartupWait.Timeout"/> to start.
/// </summary>
public sealed partial class AzuriteFixture : IAsyncLifetime
{
    private const string AccountKey = "Eby8vdM02xNOcqFlqUwJPLlmEtlCDXJ1OUzFT50uSRZ6IFsuFq2UVErCz4I6tq/K1SZFPTOtr/KBHBeksoGMGw==";
    private NodeToolProcess? _process;
    private int _tables;

    public string ConnectionString { get; private set; } = "";

    public async Task InitializeAsync()
    {
        // Azurite 3.37 reports port 0 literally when asked for a free one, so we pick the port ourselves.
        var port = FreePort();
        _process = NodeToolProcess.Start("Azurite (Table service)", Path.Combine(".bin", "azurite-table"),
            ["--inMemoryPersistence", "--skipApiVersionCheck", "--disableTelemetry", "--silent", "--tableHost", "127.0.0.1", "--tablePort", port.ToString()]);
        await _process.WaitForLineAsync(Started(), StartupWait.Timeout);
        ConnectionString = "DefaultEndpointsProtocol=http;AccountName=devstoreaccount1;" +
                           $"AccountKey={AccountKey};TableEndpoint=http://127.0.0.1:{port}/devstoreaccount1;";
    }

    /// <summary>A new, empty, uniquely named table.</summary>
    public TableClient NewTable(string prefix)
    {
        var table = new TableClient(ConnectionString, NewTableName(prefix));
        table.CreateIfNotExists();
        return table;
    }

    /// <summary>A unique table name, not yet created (for a host that creates its own table at start).</summary>
    public string NewTableName(string prefix)
    {
        // Table names: a letter, then 2-62 letters or digits.
        var letters = new string(prefix.Where(char.IsAsciiLetterOrDigit).Take(20).ToArray());
        return $"t{letters}{Interlocked.Increment(ref _tables)}x{Guid.NewGuid():N}";
    }

    public static int FreePort()
    {
        var listener = new System.Net.Sockets.TcpListener(System.Net.IPAddress.Loopback, 0);
        listener.Start();
        var port = ((System.Net.IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();
        return port;
    }

    public Task DisposeAsync()
    {
        _process?.Dispose();
        return Task.CompletedTask;
    }

    [GeneratedRegex("successfully started", RegexOptions.IgnoreCase)]
    private static partial Regex Started();
}

[CollectionDefinition("Azurite")]
public sealed class AzuriteCollection : ICollectionFixture<AzuriteFixture>;
