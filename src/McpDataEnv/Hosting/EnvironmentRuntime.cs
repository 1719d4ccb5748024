using McpDataEnv.Core.Backends;
using McpDataEnv.Core.Environments;
using McpDataEnv.Core.Governance;
using McpDataEnv.Core.Governance.Audit;
using McpDataEnv.Core.Governance.Plans;
using McpDataEnv.Core.Governance.Requests;
using McpDataEnv.Core.Memory;
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
    private readonly Lazy<IMemoryStore> _memoryStore;
    private readonly Lazy<MemoryService> _memory;

    /// <param name="memoryStore">Opens the memory store on first use; default <see cref="MemoryStores.Open"/>.</param>
    public EnvironmentRuntime(EnvironmentDefinition environment, IDataBackend backend, IReadOnlySqlGate gate, Func<IMemoryStore>? memoryStore = null)
    {
        // Opened on first use, so an environment that never touches memory never creates a store.
        _memoryStore = new Lazy<IMemoryStore>(memoryStore ?? (() => MemoryStores.Open(environment)));
        _memory = new Lazy<MemoryService>(() => new MemoryService(_memoryStore.Value, environment.Memory, environment.Policy.MemoryRules));
        Environment = environment;
        Backend = backend;
        Gate = gate;
        Queries = new ReadOnlyQueryService(gate, backend, environment.Limits);
        Schema = new SchemaDescriber(environment, backend, backend.Dialect);
        Plans = new PlanGate(environment.Governance, PlanTokens.FromEnvironment());
        Requests = new RequestChecker(environment, Plans);
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

    /// <summary>Plans (<c>governance.require_plan</c>): every execution tool narrows its scope with <see cref="PlanGate.ScopeFor"/>.</summary>
    public PlanGate Plans { get; }

    /// <summary>The pre-flight check behind <c>check_request</c>.</summary>
    public RequestChecker Requests { get; }

    /// <summary>The audit trail every tool call appends to (null: not audited, e.g. in unit tests).</summary>
    public IAuditLog? Audit { get; init; }

    /// <summary>Tiered memory of this environment (store opened on first use).</summary>
    public MemoryService Memory => _memory.Value;

    /// <summary>The pool of sandbox workers, when the environment enables a tool that runs scripts.</summary>
    public ScriptSandbox? Sandbox { get; }

    public TriangulationEngine Triangulation { get; } = new();

    /// <summary>The sandbox, or a clear refusal when the environment does not enable scripts.</summary>
    public ScriptSandbox RequireSandbox() => Sandbox ?? throw new Core.Errors.DataEnvException(
        Core.Errors.ErrorCodes.ToolDisabled, "Scripts are not enabled in this environment (environment.yaml: tools).");

    /// <summary>A sql() bridge for one access scope (the caller's, narrowed by its plan): the same gate, engine checks and access as run_readonly_sql.</summary>
    public ISqlBridge SqlBridgeFor(IAccessScope access) =>
        new QueryServiceSqlBridge(Queries, access, Environment.Scripts.MaxSqlRowsPerCall);

    public async ValueTask DisposeAsync()
    {
        if (Audit is not null)
        {
            await Audit.DisposeAsync().ConfigureAwait(false);
        }

        if (Sandbox is not null)
        {
            await Sandbox.DisposeAsync().ConfigureAwait(false);
        }

        if (_memoryStore.IsValueCreated)
        {
            switch (_memoryStore.Value)
            {
                case IAsyncDisposable asyncDisposable: await asyncDisposable.DisposeAsync().ConfigureAwait(false); break;
                case IDisposable disposable: disposable.Dispose(); break;
            }
        }

        await Backend.DisposeAsync().ConfigureAwait(false);
    }
}
