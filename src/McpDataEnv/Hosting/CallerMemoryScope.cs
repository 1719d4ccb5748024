using McpDataEnv.Core.Memory;

namespace McpDataEnv.Hosting;

/// <summary>Whose memory a caller touches: always the served environment and the connection's principal and role.</summary>
public static class CallerMemoryScope
{
    /// <remarks>Never built from tool arguments, so a model cannot reach another principal's memory.</remarks>
    public static MemoryScope MemoryScope(this CallerContext caller, EnvironmentRuntime runtime) => caller.MemoryAccess(runtime).Private;

    /// <summary>The caller's private scope and the shared scopes its role is entitled to (safety policy <c>memory.shared</c>).</summary>
    public static MemoryAccess MemoryAccess(this CallerContext caller, EnvironmentRuntime runtime) =>
        new(runtime.Environment.Name, caller.Principal.Name, caller.Principal.Role, runtime.Environment.Policy.SharedMemory);
}
