using McpDataEnv.Core.Backends;
using McpDataEnv.Core.Environments;
using McpDataEnv.Core.Memory;
using McpDataEnv.Core.Sql;

namespace McpDataEnv.Hosting;

/// <summary>
/// Everything one served environment needs at run time, composed once at start-up:
/// the validated definition, its backend and the core services the tools delegate to.
/// </summary>
public sealed class EnvironmentRuntime : IAsyncDisposable
{
    private readonly Lazy<IMemoryStore> memoryStore;
    private readonly Lazy<MemoryService> memory;

    /// <param name="memoryStore">Opens the memory store on first use; default <see cref="MemoryStores.Open"/>.</param>
    public EnvironmentRuntime(EnvironmentDefinition environment, IDataBackend backend, IReadOnlySqlGate gate, Func<IMemoryStore>? memoryStore = null)
    {
        // Opened on first use, so an environment that never touches memory never creates a store.
        this.memoryStore = new Lazy<IMemoryStore>(memoryStore ?? (() => MemoryStores.Open(environment)));
        memory = new Lazy<MemoryService>(() => new MemoryService(this.memoryStore.Value, environment.Memory, environment.Policy.MemoryRules));
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

    /// <summary>Tiered memory of this environment (store opened on first use).</summary>
    public MemoryService Memory => memory.Value;

    public async ValueTask DisposeAsync()
    {
        if (memoryStore.IsValueCreated)
        {
            switch (memoryStore.Value)
            {
                case IAsyncDisposable asyncDisposable: await asyncDisposable.DisposeAsync().ConfigureAwait(false); break;
                case IDisposable disposable: disposable.Dispose(); break;
            }
        }

        await Backend.DisposeAsync().ConfigureAwait(false);
    }
}
