using System.Text;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Logging.Console;
using PaymentCore.Telemetry;

namespace PaymentCore.Tests.Telemetry;

/// <summary>
/// A logger provider that writes every line through the host's own console formatter into memory,
/// so a test reads exactly what the console would have printed, without touching the process's console.
/// </summary>
public sealed class CapturedLogs(ConsoleFormatter formatter) : ILoggerProvider, ISupportExternalScope
{
    private readonly ConsoleFormatter _formatter = formatter;
    private readonly StringBuilder _text = new();
    private readonly Lock _lock = new();
    private IExternalScopeProvider? _scopes;

    public string Text
    {
        get
        {
            lock (_lock)
            {
                return _text.ToString();
            }
        }
    }

    /// <summary>Adds the capture to a host's services, using the formatter the host registered.</summary>
    public static void AddTo(IServiceCollection services, Action<CapturedLogs> captured) =>
        services.AddSingleton<ILoggerProvider>(provider =>
        {
            var logs = new CapturedLogs(provider.GetServices<ConsoleFormatter>().Single(f => f.Name == RedactingJsonConsoleFormatter.FormatterName));
            captured(logs);
            return logs;
        });

    public ILogger CreateLogger(string categoryName) => new Logger(this, categoryName);

    public void SetScopeProvider(IExternalScopeProvider scopeProvider) => _scopes = scopeProvider;

    public void Dispose()
    {
    }

    private sealed class Logger(CapturedLogs owner, string category) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state)
            where TState : notnull => owner._scopes?.Push(state);

        public bool IsEnabled(LogLevel logLevel) => logLevel != LogLevel.None;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            using var line = new StringWriter();
            owner._formatter.Write(new LogEntry<TState>(logLevel, category, eventId, state, exception, formatter), owner._scopes, line);
            lock (owner._lock)
            {
                owner._text.Append(line);
            }
        }
    }
}
