using System.Collections.Concurrent;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace TeamsSafeguarding.Tests.Support;

/// <summary>One log call as a test sees it: everything a log sink could write out.</summary>
/// <param name="Text">The formatted message, the exception (type, message, stack) and every state and scope value.</param>
public sealed record CapturedLog(string Category, LogLevel Level, string Message, string? Exception, string Text)
{
    public override string ToString() => $"{Level} {Category}: {Message}{(Exception is null ? "" : " | " + Exception)}";
}

/// <summary>
/// A logger provider that keeps every log call of a host, at every level (Trace up) and whatever the host's
/// filters say. Add it with <see cref="AddTo"/> inside TestBotHost.Start's configureServices.
/// </summary>
public sealed class LogCapture : ILoggerProvider, ISupportExternalScope
{
    private readonly ConcurrentQueue<CapturedLog> _entries = new();
    private IExternalScopeProvider _scopes = new LoggerExternalScopeProvider();

    public IReadOnlyList<CapturedLog> Entries => _entries.ToArray();

    /// <summary>Registers this provider with a rule that lets everything through to it (other providers keep their filters).</summary>
    public void AddTo(IServiceCollection services)
    {
        services.AddSingleton<ILoggerProvider>(this);
        services.Configure<LoggerFilterOptions>(o =>
            o.Rules.Add(new LoggerFilterRule(typeof(LogCapture).FullName, null, LogLevel.Trace, null)));
    }

    public ILogger CreateLogger(string categoryName) => new Logger(this, categoryName);

    public void SetScopeProvider(IExternalScopeProvider scopeProvider) => _scopes = scopeProvider;

    public void Dispose() { }

    private sealed class Logger(LogCapture owner, string category) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state) where TState : notnull => owner._scopes.Push(state);

        public bool IsEnabled(LogLevel logLevel) => logLevel != LogLevel.None;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception,
            Func<TState, Exception?, string> formatter)
        {
            var message = formatter(state, exception);
            var text = new System.Text.StringBuilder(message);
            text.Append('\n').Append(exception?.ToString());
            Append(text, state);
            owner._scopes.ForEachScope((scope, sb) => Append(sb, scope), text);
            owner._entries.Enqueue(new CapturedLog(category, logLevel, message, exception?.ToString(), text.ToString()));
        }

        private static void Append(System.Text.StringBuilder text, object? value)
        {
            text.Append('\n').Append(value);
            if (value is IEnumerable<KeyValuePair<string, object?>> pairs)
                foreach (var (key, item) in pairs) text.Append('\n').Append(key).Append('=').Append(Describe(item));
        }

        private static string? Describe(object? item) => item switch
        {
            null => null,
            string s => s,
            System.Collections.IEnumerable many => string.Join(",", many.Cast<object?>()),
            _ => item.ToString(),
        };
    }
}
