using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Console;

namespace McpDataEnv.Hosting;

/// <summary>
/// Logging that never touches stdout: in stdio mode stdout carries only protocol frames.
/// Level from <c>MCPDATAENV_LOG_LEVEL</c> (default Information; Microsoft.* and the MCP SDK at Warning).
/// </summary>
public static class StderrLogging
{
    /// <summary>The stdio server's and the CLI's loggers: plain lines on stderr (see <see cref="StderrLineLoggerProvider"/>).</summary>
    public static ILoggerFactory CreateFactory()
    {
        var filters = new LoggerFilterOptions { MinLevel = Level() };
        foreach (var (category, level) in QuietCategories)
        {
            filters.Rules.Add(new LoggerFilterRule(providerName: null, category, level, filter: null));
        }

        return new LoggerFactory([new StderrLineLoggerProvider(Console.Error)], filters);
    }

    /// <summary>The HTTP server's (and in-process sessions') loggers: the console logger on stderr, same levels.</summary>
    public static ILoggingBuilder AddStderrConsole(this ILoggingBuilder builder)
    {
        builder.ClearProviders();
        builder.AddConsole(options => options.LogToStandardErrorThreshold = LogLevel.Trace);
        builder.SetMinimumLevel(Level());
        foreach (var (category, level) in QuietCategories)
        {
            builder.AddFilter(category, level);
        }

        return builder;
    }

    private static readonly (string Category, LogLevel Level)[] QuietCategories =
        [("Microsoft", LogLevel.Warning), ("ModelContextProtocol", LogLevel.Warning)];

    private static LogLevel Level() =>
        Enum.TryParse<LogLevel>(Environment.GetEnvironmentVariable("MCPDATAENV_LOG_LEVEL"), ignoreCase: true, out var level)
            ? level
            : LogLevel.Information;
}
