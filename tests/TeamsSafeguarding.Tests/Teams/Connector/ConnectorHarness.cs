using System.Collections.Concurrent;
using Azure.Core;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;
using TeamsSafeguarding.Teams;
using TeamsSafeguarding.Teams.Connector;
using TeamsSafeguarding.Tests.Support;

namespace TeamsSafeguarding.Tests.Teams.Connector;

/// <summary>
/// The connector client as the app registers it (AddConnectorClient), pointed at a FakeConnector, with a clock
/// whose delays complete at once and are recorded.
/// </summary>
internal sealed class ConnectorHarness : IAsyncDisposable
{
    private ConnectorHarness(FakeConnector connector, ServiceProvider services, InstantDelayTimeProvider time, LogCollector logs)
    {
        Connector = connector;
        Services = services;
        Time = time;
        Logs = logs;
    }

    public FakeConnector Connector { get; }
    public ServiceProvider Services { get; }
    public InstantDelayTimeProvider Time { get; }
    public LogCollector Logs { get; }
    public IConnectorClient Client => Services.GetRequiredService<IConnectorClient>();
    public string ServiceUrl => Connector.ServiceUrl;

    public static async Task<ConnectorHarness> StartAsync(BotOptions? bot = null, IConnectorTokenProvider? tokens = null)
    {
        var connector = await FakeConnector.StartAsync();
        var time = new InstantDelayTimeProvider();
        var logs = new LogCollector();
        var services = new ServiceCollection();
        services.AddLogging(l => l.AddProvider(logs).SetMinimumLevel(LogLevel.Trace));
        services.AddSingleton(Options.Create(bot ?? new BotOptions()));
        services.AddSingleton<TimeProvider>(time);
        if (tokens is not null) services.AddSingleton(tokens);
        services.AddConnectorClient();
        return new ConnectorHarness(connector, services.BuildServiceProvider(), time, logs);
    }

    public async ValueTask DisposeAsync()
    {
        await Services.DisposeAsync();
        await Connector.DisposeAsync();
    }
}

/// <summary>A fake clock on which every timer fires as soon as it is created, after moving time forward by its due time.</summary>
internal sealed class InstantDelayTimeProvider : FakeTimeProvider
{
    private readonly ConcurrentQueue<TimeSpan> _delays = new();

    /// <summary>Every one-shot delay requested, in order.</summary>
    public IReadOnlyList<TimeSpan> Delays => _delays.ToArray();

    public override ITimer CreateTimer(TimerCallback callback, object? state, TimeSpan dueTime, TimeSpan period)
    {
        var timer = base.CreateTimer(callback, state, dueTime, period);
        if (dueTime > TimeSpan.Zero && dueTime != Timeout.InfiniteTimeSpan && period == Timeout.InfiniteTimeSpan)
        {
            _delays.Enqueue(dueTime);
            Advance(dueTime);
        }
        return timer;
    }
}

/// <summary>A fixed token, for checking what the client puts in the Authorization header.</summary>
internal sealed class FixedToken(string value) : IConnectorTokenProvider
{
    public ValueTask<ConnectorToken?> GetTokenAsync(CancellationToken ct) =>
        ValueTask.FromResult<ConnectorToken?>(new ConnectorToken(value, DateTimeOffset.MaxValue));
}

/// <summary>An Entra stand-in: hands out numbered tokens that expire <see cref="Lifetime"/> after the fake clock's now.</summary>
internal sealed class FakeTokenCredential(TimeProvider time) : TokenCredential
{
    private int _issued;
    public TimeSpan Lifetime { get; init; } = TimeSpan.FromHours(1);
    public int Issued => Volatile.Read(ref _issued);
    public ConcurrentQueue<string[]> RequestedScopes { get; } = new();
    /// <summary>When set, token requests wait for it (to see concurrent callers pile up).</summary>
    public Task? Gate { get; set; }

    public override AccessToken GetToken(TokenRequestContext requestContext, CancellationToken cancellationToken) =>
        GetTokenAsync(requestContext, cancellationToken).AsTask().GetAwaiter().GetResult();

    public override async ValueTask<AccessToken> GetTokenAsync(TokenRequestContext requestContext, CancellationToken cancellationToken)
    {
        RequestedScopes.Enqueue(requestContext.Scopes);
        if (Gate is not null) await Gate;
        var n = Interlocked.Increment(ref _issued);
        return new AccessToken($"token-{n}", time.GetUtcNow() + Lifetime);
    }
}

/// <summary>Keeps every formatted log line (with exception text) so tests can check what is never logged.</summary>
internal sealed class LogCollector : ILoggerProvider
{
    private readonly ConcurrentQueue<string> _lines = new();
    public IReadOnlyList<string> Lines => _lines.ToArray();
    public ILogger CreateLogger(string categoryName) => new Logger(this);
    public void Dispose() { }

    private sealed class Logger(LogCollector owner) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;
        public bool IsEnabled(LogLevel logLevel) => true;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception,
            Func<TState, Exception?, string> formatter) =>
            owner._lines.Enqueue($"{logLevel}: {formatter(state, exception)} {exception}");
    }
}
