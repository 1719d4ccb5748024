using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Console;

namespace McpDataEnv.Hosting;

/// <summary>
/// Logging that never touches stdout: in stdio mode stdout carries only protocol frames.
/// Level from <c>MCPDATAENV_LOG_LEVEL</c> (default Information; Microsoft.* at Warning).
/// </summary>
public static class StderrLogging
{
    public static ILoggerFactory CreateFactory() => LoggerFactory.Create(builder => builder.AddStderrConsole());

    public static ILoggingBuilder AddStderrConsole(this ILoggingBuilder builder)
    {
        builder.ClearProviders();
        builder.AddConsole(options => options.LogToStandardErrorThreshold = LogLevel.Trace);
        builder.SetMinimumLevel(Level());
        builder.AddFilter("Microsoft", LogLevel.Warning);
        builder.AddFilter("ModelContextProtocol", LogLevel.Warning);
        return builder;
    }

    private static LogLevel Level() =>
        Enum.TryParse<LogLevel>(Environment.GetEnvironmentVariable("MCPDATAENV_LOG_LEVEL"), ignoreCase: true, out var level)
            ? level
            : LogLevel.Information;
}
