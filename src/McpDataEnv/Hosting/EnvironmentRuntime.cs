using McpDataEnv.Core.Backends;
using McpDataEnv.Core.Environments;
using McpDataEnv.Core.Governance.Audit;
using McpDataEnv.Core.Governance.Plans;
using McpDataEnv.Core.Governance.Requests;
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
        Plans = new PlanGate(environment.Governance, PlanTokens.FromEnvironment());
        Requests = new RequestChecker(environment, Plans);
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

    public async ValueTask DisposeAsync()
    {
        if (Audit is not null)
        {
            await Audit.DisposeAsync().ConfigureAwait(false);
        }

        await Backend.DisposeAsync().ConfigureAwait(false);
    }
}
