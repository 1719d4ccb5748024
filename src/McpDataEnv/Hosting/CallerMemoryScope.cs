using McpDataEnv.Core.Memory;

namespace McpDataEnv.Hosting;

/// <summary>Whose memory a caller touches: always the served environment and the connection's principal.</summary>
public static class CallerMemoryScope
{
    /// <remarks>Never built from tool arguments, so a model cannot reach another principal's memory.</remarks>
    public static MemoryScope MemoryScope(this CallerContext caller, EnvironmentRuntime runtime) =>
        new(runtime.Environment.Name, caller.Principal.Name);
}
