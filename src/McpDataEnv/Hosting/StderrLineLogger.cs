using Microsoft.Extensions.Logging;

namespace McpDataEnv.Hosting;

/// <summary>
/// One line per log entry on stderr (<c>info: Category: message</c>, an exception's text on the lines after), written
/// synchronously. The stdio server and the one-shot CLI verbs log a handful of lines per session: this provider needs
/// no options, formatters or queue thread, which the console logger sets up before the first answer. The HTTP server
/// keeps the console logger for its request scopes.
/// </summary>
public sealed class StderrLineLoggerProvider(TextWriter output) : ILoggerProvider
{
    public ILogger CreateLogger(string categoryName) => new Logger(output, categoryName);

    public void Dispose()
    {
    }

    private sealed class Logger(TextWriter output, string category) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;

        // Levels are filtered by the factory's rules before an entry reaches this logger.
        public bool IsEnabled(LogLevel logLevel) => logLevel != LogLevel.None;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            if (!IsEnabled(logLevel))
            {
                return;
            }

            var line = $"{Label(logLevel)}: {category}: {formatter(state, exception)}";
            output.WriteLine(exception is null ? line : line + Environment.NewLine + exception);
        }

        private static string Label(LogLevel level) => level switch
        {
            LogLevel.Trace => "trce",
            LogLevel.Debug => "dbug",
            LogLevel.Information => "info",
            LogLevel.Warning => "warn",
            LogLevel.Error => "fail",
            _ => "crit",
        };
    }
}
