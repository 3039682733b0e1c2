using System.Net.Sockets;
using System.Text;

/// <summary>
/// The allocation probe, loaded into each bot child process with DOTNET_STARTUP_HOOKS (a documented .NET feature), so it
/// works for any build of the bot without a change to it. When BENCH_PROBE_SOCKET names a Unix socket path, a background
/// thread answers every connection with the process's GC.GetTotalAllocatedBytes() and closes it; it costs nothing between
/// readings. The runtime requires this exact type name, outside any namespace.
/// </summary>
internal static class StartupHook
{
    public const string SocketVariable = "BENCH_PROBE_SOCKET";

    public static void Initialize()
    {
        var path = Environment.GetEnvironmentVariable(SocketVariable);
        if (string.IsNullOrEmpty(path)) return;
        var listener = new Socket(AddressFamily.Unix, SocketType.Stream, ProtocolType.Unspecified);
        listener.Bind(new UnixDomainSocketEndPoint(path));
        listener.Listen(4);
        new Thread(() =>
        {
            while (true)
            {
                using var client = listener.Accept();
                client.Send(Encoding.ASCII.GetBytes(GC.GetTotalAllocatedBytes(precise: false).ToString()));
                client.Shutdown(SocketShutdown.Both);
            }
        }) { IsBackground = true, Name = "bench-allocation-probe" }.Start();
    }
}
