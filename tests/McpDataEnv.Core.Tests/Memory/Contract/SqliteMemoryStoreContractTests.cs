using McpDataEnv.Core.Memory;
using McpDataEnv.Core.Memory.Sqlite;
using Microsoft.Data.Sqlite;

namespace McpDataEnv.Core.Tests.Memory.Contract;

/// <summary>The store contract on a fresh SQLite file.</summary>
public sealed class SqliteMemoryStoreContractTests : MemoryStoreContract
{
    private readonly string folder = Path.Combine(Path.GetTempPath(), "mde-memory-contract-" + Guid.NewGuid().ToString("N"));

    protected override IMemoryStore OpenStore() => new SqliteMemoryStore(Path.Combine(folder, "memory.db"));

    protected override Task CleanUpAsync()
    {
        SqliteConnection.ClearAllPools();
        if (Directory.Exists(folder))
        {
            Directory.Delete(folder, recursive: true);
        }

        return Task.CompletedTask;
    }
}
