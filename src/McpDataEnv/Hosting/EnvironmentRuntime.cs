using McpDataEnv.Core.Backends;
using McpDataEnv.Core.Environments;
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
    }

    public EnvironmentDefinition Environment { get; }

    public IDataBackend Backend { get; }

    public IReadOnlySqlGate Gate { get; }

    public ReadOnlyQueryService Queries { get; }

    public SchemaDescriber Schema { get; }

    public ValueTask DisposeAsync() => Backend.DisposeAsync();
}
