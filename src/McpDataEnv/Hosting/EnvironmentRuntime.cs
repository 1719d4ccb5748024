using McpDataEnv.Core.Backends;
using McpDataEnv.Core.Environments;
using McpDataEnv.Core.Metrics;
using McpDataEnv.Core.Scripting;
using McpDataEnv.Core.Sql;

namespace McpDataEnv.Hosting;

/// <summary>
/// Everything one served environment needs at run time, composed once at start-up:
/// the validated definition, its backend and the core services the tools delegate to.
/// </summary>
public sealed class EnvironmentRuntime : IAsyncDisposable
{
    public EnvironmentRuntime(EnvironmentDefinition environment, IDataBackend backend, IReadOnlySqlGate gate)
    {
        Environment = environment;
        Backend = backend;
        Gate = gate;
        Queries = new ReadOnlyQueryService(gate, backend, environment.Limits);
        Schema = new SchemaDescriber(environment, backend, backend.Dialect);
        if (environment.IsToolEnabled(KnownTools.RunScript) || environment.IsToolEnabled(KnownTools.TriangulateMetric))
        {
            Sandbox = new ScriptSandbox(environment.Scripts);
        }
    }

    public EnvironmentDefinition Environment { get; }

    public IDataBackend Backend { get; }

    public IReadOnlySqlGate Gate { get; }

    public ReadOnlyQueryService Queries { get; }

    public SchemaDescriber Schema { get; }

    /// <summary>The pool of sandbox workers, when the environment enables a tool that runs scripts.</summary>
    public ScriptSandbox? Sandbox { get; }

    public TriangulationEngine Triangulation { get; } = new();

    /// <summary>The sandbox, or a clear refusal when the environment does not enable scripts.</summary>
    public ScriptSandbox RequireSandbox() => Sandbox ?? throw new Core.Errors.DataEnvException(
        Core.Errors.ErrorCodes.ToolDisabled, "Scripts are not enabled in this environment (environment.yaml: tools).");

    /// <summary>A sql() bridge for one caller: the same gate, engine checks and access scope as run_readonly_sql.</summary>
    public ISqlBridge SqlBridgeFor(CallerContext caller) =>
        new QueryServiceSqlBridge(Queries, caller.Access, Environment.Scripts.MaxSqlRowsPerCall);

    public async ValueTask DisposeAsync()
    {
        if (Sandbox is not null)
        {
            await Sandbox.DisposeAsync().ConfigureAwait(false);
        }

        await Backend.DisposeAsync().ConfigureAwait(false);
    }
}
