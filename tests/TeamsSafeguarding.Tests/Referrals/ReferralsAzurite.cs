using System.Diagnostics;
using Azure.Data.Tables;
using Xunit;

namespace TeamsSafeguarding.Tests.Referrals;

/// <summary>
/// TEMPORARY (replace with Support/AzuriteFixture and [Collection("Azurite")] once merged). One real Azurite (Table service) for the whole test run, on a free port with in-memory data; each test
/// class gets fresh tables from <see cref="NewTable"/>. Installed by infra/test.sh (npm ci in infra/).
/// </summary>
public sealed class ReferralsAzuriteFixture : IAsyncLifetime
{
    private const string AccountKey = "Eby8vdM02xNOcqFlqUwJPLlmEtlCDXJ1OUzFT50uSRZ6IFsuFq2UVErCz4I6tq/K1SZFPTOtr/KBHBeksoGMGw==";
    private Process? _process;
    private int _tables;

    public string ConnectionString { get; private set; } = "";

    public async Task InitializeAsync()
    {
        // Temporary copy of Support/AzuriteFixture.cs until it reaches this branch: falls back to the infra worktree's Azurite.
        var exe = Path.Combine(ReferralsRepoRoot.Find(), "infra", "node_modules", ".bin", "azurite-table");
        if (!File.Exists(exe)) exe = "/work/wt-infra/infra/node_modules/.bin/azurite-table";
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
        // Table names: a letter, then 2-62 letters or digits.
        var letters = new string(prefix.Where(char.IsAsciiLetterOrDigit).Take(20).ToArray());
        var name = $"t{letters}{Interlocked.Increment(ref _tables)}x{Guid.NewGuid():N}";
        var table = new TableClient(ConnectionString, name);
        table.CreateIfNotExists();
        return table;
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

[CollectionDefinition("ReferralsAzurite")]
public sealed class ReferralsAzuriteCollection : ICollectionFixture<ReferralsAzuriteFixture>;

internal static class ReferralsRepoRoot
{
    public static string Find()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
            if (File.Exists(Path.Combine(dir.FullName, "TeamsSafeguarding.sln"))) return dir.FullName;
        throw new InvalidOperationException("Could not find the repository root (TeamsSafeguarding.sln).");
    }
}
