using McpDataEnv.Core.Memory;
using McpDataEnv.Core.Memory.Postgres;
using McpDataEnv.Core.Tests.Backends.Postgres;
using Npgsql;

namespace McpDataEnv.Core.Tests.Memory.Contract;

/// <summary>The store contract on the PostgreSQL test cluster, in a schema of its own per test (dropped afterwards).</summary>
public sealed class PostgresMemoryStoreContractTests : MemoryStoreContract
{
    private readonly string schema = "memtest_" + Guid.NewGuid().ToString("N")[..12];

    protected override IMemoryStore OpenStore() => new PostgresMemoryStore(PostgresTestDatabase.AdminConnectionString, schema);

    protected override async Task CleanUpAsync()
    {
        await using var connection = new NpgsqlConnection(PostgresTestDatabase.AdminConnectionString);
        await connection.OpenAsync();
        await using var drop = new NpgsqlCommand($"DROP SCHEMA IF EXISTS {schema} CASCADE", connection);
        await drop.ExecuteNonQueryAsync();
    }
}
