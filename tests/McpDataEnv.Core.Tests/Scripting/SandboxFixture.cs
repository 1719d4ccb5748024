using McpDataEnv.Core.Environments;
using McpDataEnv.Core.Scripting;

namespace McpDataEnv.Core.Tests.Scripting;

/// <summary>One warm pool shared by a test class; small limits keep abuse tests fast.</summary>
public sealed class SandboxFixture : IAsyncLifetime
{
    /// <summary>
    /// The default for every run: small caps, and a roomy timeout for scripts that must end some other way (success,
    /// the stack or memory guard): the whole suite shares 2 cores, so a short timeout would win races it is not meant
    /// to take part in.
    /// </summary>
    public static ScriptSettings Limits { get; } = ScriptSettings.Defaults with
    {
        TimeoutMs = 20_000, MemoryMb = 192, MaxLogLines = 20, MaxSqlCalls = 50, MaxSqlRowsPerCall = 1_000, Workers = 2, MaxConcurrent = 4,
    };

    /// <summary>The same limits with a short timeout, asked for explicitly by the tests that are about the timeout.</summary>
    public static ScriptSettings ShortTimeout { get; } = Limits with { TimeoutMs = 1_500 };

    public ScriptSandbox Sandbox { get; } = new(Limits);

    public Task InitializeAsync() => Sandbox.WarmUpAsync();

    public Task DisposeAsync() => Sandbox.DisposeAsync().AsTask();

    public Task<ScriptRunResult> RunAsync(string code, string? inputs = null, ScriptSettings? limits = null, ISqlBridge? sql = null)
    {
        var settings = limits ?? Limits;
        return Bounded(Sandbox.RunAsync(new ScriptRunRequest(code, inputs, settings), sql ?? new FakeSqlBridge(), CancellationToken.None), settings);
    }

    /// <summary>
    /// A run that no guard ends fails the test (<see cref="TimeoutException"/>) instead of hanging the suite: the bound
    /// is the script timeout plus a margin far beyond the watchdog's grace, so it only fires when the timeout is not
    /// enforced at all.
    /// </summary>
    private static Task<ScriptRunResult> Bounded(Task<ScriptRunResult> run, ScriptSettings limits) =>
        run.WaitAsync(TimeSpan.FromMilliseconds(limits.TimeoutMs) + TimeSpan.FromSeconds(30));
}
