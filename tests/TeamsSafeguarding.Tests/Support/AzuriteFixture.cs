using System.Diagnostics;
using Azure.Data.Tables;
using Xunit;

namespace TeamsSafeguarding.Tests.Support;

/// <summary>
/// One real Azurite (Table service) for the whole test run, on a free port with in-memory data; each test
/// class gets fresh tables from <see cref="NewTable"/>. Installed by infra/test.sh (npm ci in infra/).
/// </summary>
public sealed class AzuriteFixture : IAsyncLifetime
{
    private const string AccountKey = "Eby8vdM02xNOcqFlqUwJPLlmEtlCDXJ1OUzFT50uSRZ6IFsuFq2UVErCz4I6tq/K1SZFPTOtr/KBHBeksoGMGw==";
    private Process? _process;
    private int _tables;

    public string ConnectionString { get; private set; } = "";

    public async Task InitializeAsync()
    {
        var exe = Path.Combine(RepoRoot.NodeModules, ".bin", "azurite-table");
        if (!File.Exists(exe))
            throw new InvalidOperationException($"Azurite is not installed ({exe} is missing). Run infra/test.sh, or `npm ci` in infra/.");

        // Azurite 3.37 reports port 0 literally when asked for a free one, so we pick the port ourselves.
        var port = FreePort();
        var start = new ProcessStartInfo(exe)
        {
            ArgumentList = { "--inMemoryPersistence", "--skipApiVersionCheck", "--disableTelemetry", "--tableHost", "127.0.0.1", "--tablePort", port.ToString() },
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        _process = Process.Start(start) ?? throw new InvalidOperationException("Azurite did not start.");
        await WaitUntilStartedAsync(_process, TimeSpan.FromSeconds(30));
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

    private static async Task WaitUntilStartedAsync(Process process, TimeSpan timeout)
    {
        using var cts = new CancellationTokenSource(timeout);
        while (!cts.IsCancellationRequested)
        {
            var line = await process.StandardOutput.ReadLineAsync(cts.Token);
            if (line is null) break;
            if (line.Contains("successfully started", StringComparison.OrdinalIgnoreCase))
            {
                // Keep draining its output so a full pipe never blocks it.
                _ = Task.Run(async () => { while (await process.StandardOutput.ReadLineAsync() is not null) { } });
                _ = Task.Run(async () => { while (await process.StandardError.ReadLineAsync() is not null) { } });
                return;
            }
        }
        var error = process.HasExited ? await process.StandardError.ReadToEndAsync() : "";
        throw new InvalidOperationException("Azurite did not start. " + error);
    }

    public Task DisposeAsync()
    {
        if (_process is { HasExited: false }) _process.Kill(entireProcessTree: true);
        _process?.Dispose();
        return Task.CompletedTask;
    }
}

[CollectionDefinition("Azurite")]
public sealed class AzuriteCollection : ICollectionFixture<AzuriteFixture>;
