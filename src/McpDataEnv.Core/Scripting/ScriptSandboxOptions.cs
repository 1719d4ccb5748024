namespace McpDataEnv.Core.Scripting;

/// <summary>Where the worker lives and how it is started; defaults suit a normal install.</summary>
public sealed record ScriptSandboxOptions
{
    /// <summary><c>McpDataEnv.ScriptHost.dll</c>; default: next to the running application.</summary>
    public string? WorkerAssemblyPath { get; init; }

    /// <summary>The <c>dotnet</c> muxer; default: the current process if it is dotnet, else DOTNET_HOST_PATH, else PATH.</summary>
    public string? DotnetHostPath { get; init; }

    /// <summary>Extra wall-clock time on top of the script timeout before the parent kills the worker.</summary>
    public TimeSpan WatchdogGrace { get; init; } = TimeSpan.FromSeconds(1);

    /// <summary>How long a worker may take to start and say it is ready.</summary>
    public TimeSpan StartTimeout { get; init; } = TimeSpan.FromSeconds(30);
}
