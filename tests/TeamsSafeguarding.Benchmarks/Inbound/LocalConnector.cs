using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;

namespace TeamsSafeguarding.Benchmarks.Inbound;

/// <summary>
/// Stands in for the Bot Connector the bot's outbox sends replies to: Kestrel on 127.0.0.1 answering like Teams
/// (201 {"id"} for posts, 200 for updates and deletes). It counts what it received so the benchmark can check
/// the reply really went out; it keeps nothing else.
/// </summary>
public sealed class LocalConnector : IAsyncDisposable
{
    private readonly WebApplication app;
    private long lastId = 1_795_421_916_000;
    private int cardsReceived;

    private LocalConnector(WebApplication app) => this.app = app;

    /// <summary>e.g. "http://127.0.0.1:50123/_connector/", the shape the Agents Playground gives.</summary>
    public string ServiceUrl { get; private set; } = "";

    public int CardsReceived => Volatile.Read(ref cardsReceived);

    public static async Task<LocalConnector> StartAsync()
    {
        var builder = WebApplication.CreateSlimBuilder(new WebApplicationOptions { ContentRootPath = AppContext.BaseDirectory });
        builder.Logging.ClearProviders();
        builder.WebHost.ConfigureKestrel(k => k.Listen(IPAddress.Loopback, 0));
        var app = builder.Build();
        var connector = new LocalConnector(app);
        app.Run(connector.HandleAsync);
        await app.StartAsync();
        var address = app.Services.GetRequiredService<IServer>().Features.GetRequiredFeature<IServerAddressesFeature>().Addresses.First();
        connector.ServiceUrl = address.TrimEnd('/') + "/_connector/";
        return connector;
    }

    private async Task HandleAsync(HttpContext context)
    {
        using var reader = new StreamReader(context.Request.Body);
        var body = await reader.ReadToEndAsync();
        if (body.Contains("application/vnd.microsoft.card.adaptive", StringComparison.Ordinal)) Interlocked.Increment(ref cardsReceived);
        var method = context.Request.Method;
        context.Response.StatusCode = method == "POST" ? 201 : 200;
        if (method is "POST" or "PUT")
        {
            context.Response.ContentType = "application/json; charset=utf-8";
            await context.Response.WriteAsync($$"""{"id":"{{Interlocked.Increment(ref lastId)}}"}""");
        }
    }

    public async ValueTask DisposeAsync()
    {
        await app.StopAsync();
        await app.DisposeAsync();
    }
}
