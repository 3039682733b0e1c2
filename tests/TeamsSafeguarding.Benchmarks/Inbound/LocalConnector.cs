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
/// (201 {"id"} for posts, {"id","activityId"} for a new channel thread, 200 for updates and deletes). It counts the
/// cards it received so the benchmark can check the reply really went out, and hands each call to an optional
/// observer (the over-HTTP benchmark times when the shared cards arrive); it keeps nothing else.
/// </summary>
public sealed class LocalConnector : IAsyncDisposable
{
    private readonly WebApplication app;
    private readonly Action<ConnectorCall>? observer;
    private long lastId = 1_795_421_916_000;
    private int cardsReceived;

    private LocalConnector(WebApplication app, Action<ConnectorCall>? observer)
    {
        this.app = app;
        this.observer = observer;
    }

    /// <summary>e.g. "http://127.0.0.1:50123/_connector/", the shape the Agents Playground gives.</summary>
    public string ServiceUrl { get; private set; } = "";

    public int CardsReceived => Volatile.Read(ref cardsReceived);

    public static async Task<LocalConnector> StartAsync(Action<ConnectorCall>? observer = null)
    {
        var builder = WebApplication.CreateSlimBuilder(new WebApplicationOptions { ContentRootPath = AppContext.BaseDirectory });
        builder.Logging.ClearProviders();
        builder.WebHost.ConfigureKestrel(k => k.Listen(IPAddress.Loopback, 0));
        var app = builder.Build();
        var connector = new LocalConnector(app, observer);
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
        var path = context.Request.Path.Value ?? "";
        observer?.Invoke(new ConnectorCall(System.Diagnostics.Stopwatch.GetTimestamp(), method, path, body));
        context.Response.StatusCode = method == "POST" ? 201 : 200;
        if (method is "POST" or "PUT")
        {
            var id = Interlocked.Increment(ref lastId);
            context.Response.ContentType = "application/json; charset=utf-8";
            // A new conversation in a channel is a thread whose root is the posted card, as Teams answers it.
            await context.Response.WriteAsync(method == "POST" && path.EndsWith("/v3/conversations", StringComparison.Ordinal)
                ? $$"""{"id":"{{ChannelOf(body)}};messageid={{id}}","activityId":"{{id}}"}"""
                : $$"""{"id":"{{id}}"}""");
        }
    }

    private static string ChannelOf(string body)
    {
        try { return System.Text.Json.Nodes.JsonNode.Parse(body)?["channelData"]?["channel"]?["id"]?.GetValue<string>() ?? "a:chat"; }
        catch (System.Text.Json.JsonException) { return "a:chat"; }
    }

    public async ValueTask DisposeAsync()
    {
        await app.StopAsync();
        await app.DisposeAsync();
    }
}

/// <summary>One call the connector received: when (Stopwatch ticks), the method, the path and the body as sent.</summary>
public sealed record ConnectorCall(long At, string Method, string Path, string Body);
