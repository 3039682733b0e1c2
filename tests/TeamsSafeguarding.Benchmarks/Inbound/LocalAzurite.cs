using System.Diagnostics;
using System.Net;
using System.Net.Sockets;

namespace TeamsSafeguarding.Benchmarks.Inbound;

/// <summary>
/// Azurite's Table service on a free port with in-memory data, as the tests run it (infra/node_modules, installed by
/// `npm ci` in infra/). Started through infra/test-support/exit-with-parent.cjs, which stops Azurite when our end of its
/// stdin closes, so a killed benchmark run leaves no emulator behind.
/// </summary>
public sealed class LocalAzurite : IDisposable
{
    private const string AccountKey = "Eby8vdM02xNOcqFlqUwJPLlmEtlCDXJ1OUzFT50uSRZ6IFsuFq2UVErCz4I6tq/K1SZFPTOtr/KBHBeksoGMGw==";
    private readonly Process process;

    private LocalAzurite(Process process, int port)
    {
        this.process = process;
        ConnectionString = "DefaultEndpointsProtocol=http;AccountName=devstoreaccount1;" +
                           $"AccountKey={AccountKey};TableEndpoint=http://127.0.0.1:{port}/devstoreaccount1;";
    }

    public string ConnectionString { get; }

    public static LocalAzurite Start()
    {
        var script = RepoRoot.Combine("infra", "node_modules", "azurite", "dist", "src", "table", "main.js");
        if (!File.Exists(script))
            throw new InvalidOperationException($"Azurite is not installed ({script} is missing). Run `npm ci` in infra/ (or infra/test.sh).");

        // Azurite reports port 0 literally when asked for a free one, so the port is chosen here.
        var port = FreePort();
        var start = new ProcessStartInfo("node")
        {
            ArgumentList =
            {
                RepoRoot.Combine("infra", "test-support", "exit-with-parent.cjs"), script,
                "--inMemoryPersistence", "--skipApiVersionCheck", "--disableTelemetry",
                "--tableHost", "127.0.0.1", "--tablePort", port.ToString(),
            },
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        var process = Process.Start(start) ?? throw new InvalidOperationException("Azurite did not start.");
        try
        {
            WaitUntilStarted(process, TimeSpan.FromSeconds(30));
            return new LocalAzurite(process, port);
        }
        catch
        {
            Stop(process);
            throw;
        }
    }

    public static int FreePort()
    {
        var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var port = ((IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();
        return port;
    }

    private static void WaitUntilStarted(Process process, TimeSpan timeout)
    {
        using var cts = new CancellationTokenSource(timeout);
        while (!cts.IsCancellationRequested)
        {
            var line = process.StandardOutput.ReadLineAsync(cts.Token).AsTask().GetAwaiter().GetResult();
            if (line is null) break;
            if (!line.Contains("successfully started", StringComparison.OrdinalIgnoreCase)) continue;
            // Keep draining its output so a full pipe never blocks it.
            _ = Task.Run(async () => { while (await process.StandardOutput.ReadLineAsync() is not null) { } });
            _ = Task.Run(async () => { while (await process.StandardError.ReadLineAsync() is not null) { } });
            return;
        }
        var error = process.HasExited ? process.StandardError.ReadToEnd() : "";
        throw new InvalidOperationException("Azurite did not start. " + error);
    }

    private static void Stop(Process process)
    {
        if (!process.HasExited) process.Kill(entireProcessTree: true);
        process.Dispose();
    }

    public void Dispose() => Stop(process);
}
