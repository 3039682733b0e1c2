using System.Diagnostics;
using Azure.Data.Tables;
using Xunit;

namespace TeamsSafeguarding.Tests.Triage;

/// <summary>
/// Temporary stand-in for Support/AzuriteFixture (being written elsewhere), with the same API: one real Azurite
/// (Table service, in memory, free port) per run; fresh tables from <see cref="NewTable"/>. Swap for the shared
/// fixture ([Collection("Azurite")]) once merged.
/// </summary>
public sealed class LocalAzurite : IAsyncLifetime
{
    private const string AccountKey = "Eby8vdM02xNOcqFlqUwJPLlmEtlCDXJ1OUzFT50uSRZ6IFsuFq2UVErCz4I6tq/K1SZFPTOtr/KBHBeksoGMGw==";
    private Process? _process;
    private int _tables;

    public string ConnectionString { get; private set; } = "";

    public async Task InitializeAsync()
    {
        var exe = Candidates().FirstOrDefault(File.Exists)
            ?? throw new InvalidOperationException("Azurite is not installed (infra/node_modules/.bin/azurite-table). Run `npm ci` in infra/.");
        // This Azurite reports ":0" when given port 0, so a free port is chosen here.
        var listener = new System.Net.Sockets.TcpListener(System.Net.IPAddress.Loopback, 0);
        listener.Start();
        var port = ((System.Net.IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();
        var start = new ProcessStartInfo(exe)
        {
            ArgumentList = { "--inMemoryPersistence", "--skipApiVersionCheck", "--disableTelemetry", "--tableHost", "127.0.0.1", "--tablePort", port.ToString() },
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        _process = Process.Start(start) ?? throw new InvalidOperationException("Azurite did not start.");
        using var cts = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        while (!cts.IsCancellationRequested)
        {
            var line = await _process.StandardOutput.ReadLineAsync(cts.Token) ?? throw new InvalidOperationException("Azurite exited.");
            if (!line.Contains("successfully started", StringComparison.Ordinal)) continue;
            ConnectionString = "DefaultEndpointsProtocol=http;AccountName=devstoreaccount1;" +
                               $"AccountKey={AccountKey};TableEndpoint=http://127.0.0.1:{port}/devstoreaccount1;";
            return;
        }
        throw new InvalidOperationException("Azurite did not report its port.");
    }

    public TableClient NewTable(string prefix)
    {
        var letters = new string(prefix.Where(char.IsAsciiLetterOrDigit).ToArray());
        var name = $"t{letters}{Interlocked.Increment(ref _tables)}x{Guid.NewGuid():N}";
        name = name[..Math.Min(60, name.Length)];
        var table = new TableClient(ConnectionString, name);
        table.CreateIfNotExists();
        return table;
    }

    private static IEnumerable<string> Candidates()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
            yield return Path.Combine(dir.FullName, "infra", "node_modules", ".bin", "azurite-table");
        yield return "/work/wt-infra/infra/node_modules/.bin/azurite-table";
    }

    public Task DisposeAsync()
    {
        if (_process is { HasExited: false }) _process.Kill(entireProcessTree: true);
        _process?.Dispose();
        return Task.CompletedTask;
    }
}

[CollectionDefinition("TriageAzurite")]
public sealed class TriageAzuriteCollection : ICollectionFixture<LocalAzurite>;
