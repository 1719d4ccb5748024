using McpDataEnv.Core.Demo;

namespace McpDataEnv.Core.Backends;

/// <summary>One database an environment reads: query execution, catalog, demo seeding.</summary>
public interface IDataBackend : ISqlExecutor, ISchemaReader, IAsyncDisposable
{
    /// <summary>True when the database exists and holds data (SQLite: the file exists).</summary>
    Task<bool> IsSeededAsync(CancellationToken cancellationToken);

    /// <summary>(Re)creates the demo tables and loads the deterministic dataset. Uses a writable connection of its own.</summary>
    Task SeedAsync(RetailDataset dataset, CancellationToken cancellationToken);

    /// <summary>Cheap liveness probe for health checks.</summary>
    Task<bool> PingAsync(CancellationToken cancellationToken);
}
