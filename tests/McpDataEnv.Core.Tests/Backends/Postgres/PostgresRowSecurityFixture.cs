using McpDataEnv.Core.Backends.Postgres;
using McpDataEnv.Core.Tests.Backends.Sqlite;
using McpDataEnv.Core.Tests.Environments;
using Npgsql;

namespace McpDataEnv.Core.Tests.Backends.Postgres;

/// <summary>
/// The generated retail dataset in a fresh schema with its own reader role, and the admin script (grants and
/// row-level security) from the retail safety policy applied, as <c>mcpdataenv seed</c> does.
/// </summary>
public sealed class PostgresRowSecurityFixture : IAsyncLifetime
{
    private readonly string _id = Guid.NewGuid().ToString("N")[..10];

    public string Schema => "rls_" + _id;

    public string Reader => "reader_" + _id;

    /// <summary>Queries run as the reader role, bound by row-level security.</summary>
    public PostgresBackend Backend { get; private set; } = null!;

    /// <summary>The table owner, unbound by row-level security: the reference for expected values.</summary>
    public PostgresBackend Owner { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        var admin = PostgresTestDatabase.AdminConnectionString;
        Backend = new PostgresBackend(admin, Schema, Reader);
        Owner = new PostgresBackend(admin, Schema, readerRole: null);
        await Backend.SeedAsync(SeededDatabase.Dataset.Value, CancellationToken.None);
        await Backend.ApplyAdminScriptAsync(DemoEnvironmentTests.Retail().Policy, CancellationToken.None);
    }

    /// <summary>Runs <paramref name="statements"/> as the admin (the tables' owner), one after another.</summary>
    public async Task AdminAsync(params string[] statements)
    {
        await using var connection = new NpgsqlConnection(PostgresTestDatabase.AdminConnectionString);
        await connection.OpenAsync();
        foreach (var sql in statements)
        {
            await using var cmd = new NpgsqlCommand(sql, connection);
            await cmd.ExecuteNonQueryAsync();
        }
    }

    public async Task DisposeAsync()
    {
        await Backend.DisposeAsync();
        await Owner.DisposeAsync();
        await using var connection = new NpgsqlConnection(PostgresTestDatabase.AdminConnectionString);
        await connection.OpenAsync();
        foreach (var sql in new[] { $"DROP SCHEMA {Schema} CASCADE", $"DROP OWNED BY {Reader}", $"DROP ROLE {Reader}" })
        {
            await using var cmd = new NpgsqlCommand(sql, connection);
            await cmd.ExecuteNonQueryAsync();
        }
    }
}
