using McpDataEnv.Core.Environments;
using McpDataEnv.Core.Memory.Sqlite;

namespace McpDataEnv.Core.Memory;

/// <summary>Where an environment keeps its memory: the one place a store is chosen for a backend kind.</summary>
public static class MemoryStores
{
    /// <summary>The SQLite store file of an environment (never its analytics database).</summary>
    public static string SqlitePath(EnvironmentDefinition environment) => Path.Combine(environment.DataPath, "memory.db");

    /// <summary>Opens (creating or migrating) the memory store of <paramref name="environment"/>.</summary>
    public static IMemoryStore Open(EnvironmentDefinition environment) => environment.Database.Provider switch
    {
        "postgres" => throw new NotSupportedException("PostgreSQL memory store: not yet wired."),
        _ => new SqliteMemoryStore(SqlitePath(environment)),
    };
}
