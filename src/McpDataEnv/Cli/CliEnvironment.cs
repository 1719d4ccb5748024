using McpDataEnv.Core.Environments;
using McpDataEnv.Hosting;
using Microsoft.Extensions.Logging;

namespace McpDataEnv.Cli;

/// <summary>
/// What most verbs (check, seed, grants, memory, serve over HTTP) start from: the validated environment — or every error
/// reported to stderr and null —, logging to stderr, and the composed runtime. Disposing closes all of it.
/// </summary>
public sealed class CliEnvironment : IAsyncDisposable
{
    private readonly ILoggerFactory _loggers;

    private CliEnvironment(EnvironmentDefinition environment, ILoggerFactory loggers)
    {
        Environment = environment;
        _loggers = loggers;
        Runtime = EnvironmentBootstrap.CreateRuntime(environment, loggers);
    }

    public EnvironmentDefinition Environment { get; }

    public EnvironmentRuntime Runtime { get; }

    /// <summary>Null when the folder is not a valid environment (the errors are already on stderr).</summary>
    public static CliEnvironment? Open(DirectoryInfo folder)
    {
        var environment = EnvironmentBootstrap.LoadOrReport(folder.FullName, Console.Error);
        return environment is null ? null : new CliEnvironment(environment, StderrLogging.CreateFactory());
    }

    public async ValueTask DisposeAsync()
    {
        await Runtime.DisposeAsync().ConfigureAwait(false);
        _loggers.Dispose();
    }
}
