using System.Diagnostics;
using System.Net.Sockets;

namespace TeamsSafeguarding.Benchmarks.OverHttp;

/// <summary>What the bot process had used at one moment: CPU time (user + system) and bytes allocated since it started.</summary>
public readonly record struct ProcessUse(TimeSpan Cpu, long AllocatedBytes)
{
    public static ProcessUse operator -(ProcessUse a, ProcessUse b) => new(a.Cpu - b.Cpu, a.AllocatedBytes - b.AllocatedBytes);
}

/// <summary>
/// One bot build running as its own process on Kestrel (Development environment: unauthenticated local mode), with
/// its settings as environment variables. CPU comes from the kernel (/proc/&lt;pid&gt;/stat through
/// Process.TotalProcessorTime), peak RSS from /proc/&lt;pid&gt;/status (VmHWM, reset per measurement through
/// /proc/&lt;pid&gt;/clear_refs), allocations from <see cref="StartupHook"/> inside it.
/// The bot runs under a bash that kills it when our end of its stdin closes, so a killed benchmark leaves no bot behind.
/// </summary>
public sealed class BotProcess : IAsyncDisposable
{
    private readonly Process wrapper;
    private readonly string probeSocket;
    private readonly Task drain;

    private BotProcess(Process wrapper, int pid, string baseUrl, string probeSocket, Task drain)
    {
        this.wrapper = wrapper;
        Pid = pid;
        BaseUrl = baseUrl;
        this.probeSocket = probeSocket;
        this.drain = drain;
    }

    public int Pid { get; }
    public string BaseUrl { get; }

    public static async Task<BotProcess> StartAsync(BotBuild build, IReadOnlyDictionary<string, string> settings, string logFile)
    {
        var port = Inbound.LocalAzurite.FreePort();
        var probeSocket = Path.Combine(Path.GetTempPath(), $"bench-probe-{Guid.NewGuid():N}.sock");
        var start = new ProcessStartInfo("bash")
        {
            // $! is the bot: printed first so we measure the bot, not bash; killed when our stdin pipe closes.
            ArgumentList = { "-c", "dotnet \"$0\" & echo $!; cat > /dev/null; kill $! 2>/dev/null; wait", build.Dll },
            WorkingDirectory = build.Directory, // the content root: the build's own appsettings*.json
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        start.Environment["ASPNETCORE_ENVIRONMENT"] = "Development";
        start.Environment["ASPNETCORE_URLS"] = $"http://127.0.0.1:{port}";
        start.Environment["DOTNET_STARTUP_HOOKS"] = typeof(StartupHook).Assembly.Location;
        start.Environment[StartupHook.SocketVariable] = probeSocket;
        foreach (var (key, value) in settings) start.Environment[key.Replace(":", "__")] = value;

        var wrapper = Process.Start(start) ?? throw new InvalidOperationException("Could not start the bot.");
        var pid = int.Parse((await wrapper.StandardOutput.ReadLineAsync())!.Trim());
        var log = new StreamWriter(logFile) { AutoFlush = true };
        var drain = Task.WhenAll(CopyAsync(wrapper.StandardOutput, log), CopyAsync(wrapper.StandardError, log))
            .ContinueWith(_ => log.Dispose(), TaskScheduler.Default);
        var bot = new BotProcess(wrapper, pid, $"http://127.0.0.1:{port}/", probeSocket, drain);
        try
        {
            await bot.WaitHealthyAsync(TimeSpan.FromSeconds(120), logFile);
            return bot;
        }
        catch
        {
            await bot.DisposeAsync();
            throw;
        }
    }

    private static async Task CopyAsync(StreamReader from, StreamWriter to)
    {
        while (await from.ReadLineAsync() is { } line)
            lock (to) to.WriteLine(line);
    }

    /// <summary>Polls /healthz (which also checks storage) until 200; ends early on success.</summary>
    private async Task WaitHealthyAsync(TimeSpan timeout, string logFile)
    {
        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(5) };
        var until = DateTime.UtcNow + timeout;
        while (DateTime.UtcNow < until)
        {
            if (wrapper.HasExited || !IsAlive()) break;
            try
            {
                using var answer = await http.GetAsync(BaseUrl + "healthz");
                if (answer.IsSuccessStatusCode && File.Exists(probeSocket)) return;
            }
            catch (HttpRequestException) { }
            catch (TaskCanceledException) { }
            await Task.Delay(200);
        }
        throw new InvalidOperationException($"The bot did not become healthy within {timeout.TotalSeconds:0} s; see {logFile}.");
    }

    private bool IsAlive() => File.Exists($"/proc/{Pid}/status");

    public ProcessUse Use()
    {
        using var process = Process.GetProcessById(Pid);
        return new ProcessUse(process.TotalProcessorTime, AllocatedBytes());
    }

    private long AllocatedBytes()
    {
        using var socket = new Socket(AddressFamily.Unix, SocketType.Stream, ProtocolType.Unspecified);
        socket.Connect(new UnixDomainSocketEndPoint(probeSocket));
        using var stream = new NetworkStream(socket);
        using var reader = new StreamReader(stream);
        return long.Parse(reader.ReadToEnd());
    }

    /// <summary>Starts a new peak: the kernel resets VmHWM to the current RSS.</summary>
    public void ResetPeakRss() => File.WriteAllText($"/proc/{Pid}/clear_refs", "5");

    /// <summary>The highest resident set size since the last reset, in bytes.</summary>
    public long PeakRssBytes()
    {
        var line = File.ReadLines($"/proc/{Pid}/status").First(l => l.StartsWith("VmHWM:", StringComparison.Ordinal));
        return long.Parse(line["VmHWM:".Length..].Trim().Split(' ')[0]) * 1024;
    }

    public async ValueTask DisposeAsync()
    {
        try { if (IsAlive()) Process.GetProcessById(Pid).Kill(); }
        catch (ArgumentException) { } // already gone
        catch (InvalidOperationException) { }
        try { wrapper.StandardInput.Close(); } catch (IOException) { }
        await wrapper.WaitForExitAsync().WaitAsync(TimeSpan.FromSeconds(10)).ContinueWith(_ => { }, TaskScheduler.Default);
        await drain.WaitAsync(TimeSpan.FromSeconds(5)).ContinueWith(_ => { }, TaskScheduler.Default);
        wrapper.Dispose();
        File.Delete(probeSocket);
    }
}
