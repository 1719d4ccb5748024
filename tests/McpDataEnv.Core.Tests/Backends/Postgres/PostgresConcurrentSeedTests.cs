using McpDataEnv.Core.Backends.Postgres;
using McpDataEnv.Core.Tests.Backends.Sqlite;
using McpDataEnv.Core.Tests.Environments;
using Npgsql;

namespace McpDataEnv.Core.Tests.Backends.Postgres;

/// <summary>
/// Seeds and admin scripts touch cluster-wide catalogs (roles, grants): several at once — two replicas starting,
/// parallel test runs — must all succeed, not fail with a deadlock or "tuple concurrently updated".
/// </summary>
public sealed class PostgresConcurrentSeedTests
{
    [Fact]
    public async Task Concurrent_seeds_and_admin_scripts_sharing_one_reader_role_all_succeed()
    {
        var id = Guid.NewGuid().ToString("N")[..8];
        var reader = "reader_race_" + id;
        var schemas = Enumerable.Range(0, 4).Select(i => $"race_{id}_{i}").ToList();
        var backends = schemas.Select(schema => new PostgresBackend(PostgresTestDatabase.AdminConnectionString, schema, reader)).ToList();
        try
        {
            await Task.WhenAll(backends.Select(async backend =>
            {
                await backend.SeedAsync(SeededDatabase.Dataset.Value, CancellationToken.None);
                await backend.ApplyAdminScriptAsync(DemoEnvironmentTests.Retail().Policy, CancellationToken.None);
            }));

            foreach (var backend in backends)
            {
                (await backend.IsSeededAsync(CancellationToken.None)).Should().BeTrue();
            }
        }
        finally
        {
            foreach (var backend in backends)
            {
                await backend.DisposeAsync();
            }

            await using var connection = new NpgsqlConnection(PostgresTestDatabase.AdminConnectionString);
            await connection.OpenAsync();
            foreach (var sql in schemas.Select(s => $"DROP SCHEMA IF EXISTS {s} CASCADE").Append($"DROP OWNED BY {reader}").Append($"DROP ROLE IF EXISTS {reader}"))
            {
                await using var cmd = new NpgsqlCommand(sql, connection);
                await cmd.ExecuteNonQueryAsync();
            }
        }
    }
}
