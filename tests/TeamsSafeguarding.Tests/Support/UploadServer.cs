using System.Collections.Concurrent;
using Microsoft.AspNetCore.Http;

namespace TeamsSafeguarding.Tests.Support;

/// <summary>One request the upload server received: method, path, the headers that matter, and the body.</summary>
public sealed record Upload(string Method, string Path, string? ContentRange, long? ContentLength, bool HadAuthorization, byte[] Body);

/// <summary>
/// A local stand-in for the OneDrive upload session a file consent answer points at (Kestrel on 127.0.0.1, free port):
/// records every request and answers 201 like the last chunk of an upload session, or the status it is told to.
/// </summary>
public sealed class UploadServer : IAsyncDisposable
{
    private readonly ConcurrentQueue<Upload> _uploads = new();
    private LocalHttpServer? _server;

    public Uri BaseAddress { get; private set; } = null!;
    public int Answer { get; set; } = 201;
    /// <summary>When set, each upload is received but not answered until this completes (a slow OneDrive).</summary>
    public TaskCompletionSource? Hold { get; set; }
    public IReadOnlyList<Upload> Uploads => [.. _uploads];

    public static async Task<UploadServer> StartAsync()
    {
        var server = new UploadServer();
        server._server = await LocalHttpServer.StartAsync(async context =>
        {
            using var body = new MemoryStream();
            await context.Request.Body.CopyToAsync(body);
            server._uploads.Enqueue(new Upload(context.Request.Method, context.Request.Path, context.Request.Headers.ContentRange.FirstOrDefault(),
                context.Request.ContentLength, context.Request.Headers.ContainsKey("Authorization"), body.ToArray()));
            if (server.Hold is { } hold) await hold.Task.WaitAsync(TimeSpan.FromMinutes(2));
            context.Response.StatusCode = server.Answer;
            await context.Response.WriteAsJsonAsync(new { id = "01ABCDEF", name = "export.xlsx" });
        });
        server.BaseAddress = new Uri(server._server.Address + "/");
        return server;
    }

    public async ValueTask DisposeAsync()
    {
        if (_server is not null) await _server.DisposeAsync();
    }
}
