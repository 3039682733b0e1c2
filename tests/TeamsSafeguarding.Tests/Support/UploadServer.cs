using System.Collections.Concurrent;
using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

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
    private WebApplication? _app;

    public Uri BaseAddress { get; private set; } = null!;
    public int Answer { get; set; } = 201;
    /// <summary>When set, each upload is received but not answered until this completes (a slow OneDrive).</summary>
    public TaskCompletionSource? Hold { get; set; }
    public IReadOnlyList<Upload> Uploads => [.. _uploads];

    public static async Task<UploadServer> StartAsync()
    {
        var server = new UploadServer();
        var builder = WebApplication.CreateSlimBuilder(new WebApplicationOptions { ContentRootPath = AppContext.BaseDirectory });
        builder.Logging.ClearProviders();
        builder.WebHost.ConfigureKestrel(k => k.Listen(IPAddress.Loopback, 0));
        var app = builder.Build();
        app.Run(async context =>
        {
            using var body = new MemoryStream();
            await context.Request.Body.CopyToAsync(body);
            server._uploads.Enqueue(new Upload(context.Request.Method, context.Request.Path, context.Request.Headers.ContentRange.FirstOrDefault(),
                context.Request.ContentLength, context.Request.Headers.ContainsKey("Authorization"), body.ToArray()));
            if (server.Hold is { } hold) await hold.Task.WaitAsync(TimeSpan.FromMinutes(2));
            context.Response.StatusCode = server.Answer;
            await context.Response.WriteAsJsonAsync(new { id = "01ABCDEF", name = "export.xlsx" });
        });
        await app.StartAsync();
        server.BaseAddress = new Uri(app.Services.GetRequiredService<IServer>().Features.GetRequiredFeature<IServerAddressesFeature>().Addresses.First().TrimEnd('/') + "/");
        server._app = app;
        return server;
    }

    public async ValueTask DisposeAsync()
    {
        if (_app is not null) await _app.DisposeAsync();
    }
}
