using McpDataEnv.Core.Environments;
using McpDataEnv.Core.Memory.Sqlite;

namespace McpDataEnv.Core.Memory;

/// <summary>Where an environment keeps its memory: the one place a store is chosen for a backend kind.</summary>
public static class MemoryStores
{
    /// <summary>The SQLite store file of an environment (never its analytics database).</summary>
    public static string SqlitePath(EnvironmentDefinition environment) => Path.Combine(environment.DataPath, "memory.db");

    /// <summary>Opens (creating or migrating) the memory store of <paramref name="environment"/>.</summary>
    /// <remarks>PostgreSQL: tables in the schema <c>mcpdataenv_memory</c> of the environment's database, on the connection
    /// string's own login (not the reader role), created on first use.</remarks>
    public static IMemoryStore Open(EnvironmentDefinition environment) => environment.Database.Provider switch
    {
        "postgres" => new Postgres.PostgresMemoryStore(environment.Database.ConnectionString ?? string.Empty),
        _ => new SqliteMemoryStore(SqlitePath(environment)),
    };
}
