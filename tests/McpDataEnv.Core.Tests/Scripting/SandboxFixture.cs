using McpDataEnv.Core.Environments;
using McpDataEnv.Core.Scripting;

namespace McpDataEnv.Core.Tests.Scripting;

/// <summary>One warm pool shared by a test class; small limits keep abuse tests fast.</summary>
public sealed class SandboxFixture : IAsyncLifetime
{
    public static ScriptSettings Limits { get; } = ScriptSettings.Defaults with
    {
        TimeoutMs = 1_500, MemoryMb = 192, MaxLogLines = 20, MaxSqlCalls = 50, MaxSqlRowsPerCall = 1_000, Workers = 2, MaxConcurrent = 4,
    };

    /// <summary>
    /// The same limits with a roomy timeout, for scripts that must end some other way (success, the stack or memory
    /// guard): the whole suite shares 2 cores, so a short timeout would win races it is not meant to take part in.
    /// </summary>
    public static ScriptSettings Roomy { get; } = Limits with { TimeoutMs = 20_000 };

    public ScriptSandbox Sandbox { get; } = new(Limits);

    public Task InitializeAsync() => Sandbox.WarmUpAsync();

    public Task DisposeAsync() => Sandbox.DisposeAsync().AsTask();

    public Task<ScriptRunResult> RunAsync(string code, string? inputs = null, ScriptSettings? limits = null, ISqlBridge? sql = null) =>
        Sandbox.RunAsync(new ScriptRunRequest(code, inputs, limits ?? Limits), sql ?? new FakeSqlBridge(), CancellationToken.None);
}
