using System.Collections.Concurrent;
using System.Text;
using Microsoft.Extensions.Logging;

namespace Tianmu.Server.Tests.Support;

/// <summary>Every log entry the server writes (message, state values, scopes, exception), for asserting what never appears in logs.</summary>
public sealed class LogCapture : ILoggerProvider, ISupportExternalScope
{
    private IExternalScopeProvider scopes = new LoggerExternalScopeProvider();

    public ConcurrentQueue<string> Entries { get; } = new();

    public ILogger CreateLogger(string categoryName) => new Logger(this, categoryName);

    public void SetScopeProvider(IExternalScopeProvider scopeProvider) => scopes = scopeProvider;

    public void Dispose()
    {
    }

    private sealed class Logger(LogCapture owner, string category) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state)
            where TState : notnull => owner.scopes.Push(state);

        public bool IsEnabled(LogLevel logLevel) => true;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            var entry = new StringBuilder($"{logLevel} {category}: {formatter(state, exception)}");
            if (state is IEnumerable<KeyValuePair<string, object?>> values)
            {
                foreach (var (key, value) in values)
                {
                    entry.Append($" {key}={value}");
                }
            }

            owner.scopes.ForEachScope((scope, sb) => sb.Append(" scope=").Append(scope), entry);
            if (exception is not null)
            {
                entry.Append(' ').Append(exception);
            }

            owner.Entries.Enqueue(entry.ToString());
        }
    }
}
