using McpDataEnv.Core.Governance.Audit.Postgres;
using McpDataEnv.Core.Tests.Backends.Postgres;
using Npgsql;

namespace McpDataEnv.Core.Tests.Governance.Audit.Postgres;

/// <summary>A fresh database of the test cluster per test (the audit schema has a fixed name), dropped at the end.</summary>
public sealed class AuditDatabase : IAsyncLifetime
{
    private readonly string _suffix = Guid.NewGuid().ToString("N")[..12];

    public string Name => "audit_" + _suffix;

    public string ConnectionString => new NpgsqlConnectionStringBuilder(PostgresTestDatabase.AdminConnectionString) { Database = Name, Pooling = false }.ConnectionString;

    /// <summary>A login holding nothing but membership of the writer role (created on demand, dropped at the end).</summary>
    public string WriterLogin => "audit_login_" + _suffix;

    public string WriterLoginConnectionString => new NpgsqlConnectionStringBuilder(ConnectionString) { Username = WriterLogin, Password = "pw" + _suffix }.ConnectionString;

    public async Task InitializeAsync()
    {
        await using var connection = new NpgsqlConnection(PostgresTestDatabase.AdminConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand($"CREATE DATABASE {Name}", connection);
        await command.ExecuteNonQueryAsync();
    }

    /// <summary>Applies the admin part (table, triggers, writer role) and creates <see cref="WriterLogin"/> as a member of the writer role.</summary>
    public async Task ApplyAdminScriptWithWriterLoginAsync()
    {
        foreach (var statement in PostgresAuditSchema.Statements)
        {
            await ExecuteWithRetryAsync(statement);
        }

        await CreateLoginAsync();
        await AdminAsync($"GRANT {PostgresAuditSchema.WriterRole} TO {WriterLogin}");
    }

    /// <summary>Creates <see cref="WriterLogin"/> with no privileges beyond PUBLIC's.</summary>
    public Task CreateLoginAsync() => AdminAsync($"CREATE ROLE {WriterLogin} LOGIN NOINHERIT PASSWORD 'pw{_suffix}'");

    public async Task AdminAsync(params string[] statements)
    {
        await using var connection = new NpgsqlConnection(ConnectionString);
        await connection.OpenAsync();
        foreach (var sql in statements)
        {
            await using var command = new NpgsqlCommand(sql, connection);
            await command.ExecuteNonQueryAsync();
        }
    }

    /// <summary>Runs <paramref name="statements"/> one per command in one transaction on <paramref name="connectionString"/>.</summary>
    public static async Task InTransactionAsync(string connectionString, params string[] statements)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        await using var transaction = await connection.BeginTransactionAsync();
        foreach (var sql in statements)
        {
            await using var command = new NpgsqlCommand(sql, connection, transaction);
            await command.ExecuteNonQueryAsync();
        }

        await transaction.CommitAsync();
    }

    public async Task<object?> ScalarAsync(string sql, string? connectionString = null)
    {
        await using var connection = new NpgsqlConnection(connectionString ?? ConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        return await command.ExecuteScalarAsync();
    }

    public async Task DisposeAsync()
    {
        NpgsqlConnection.ClearAllPools();
        await using var connection = new NpgsqlConnection(PostgresTestDatabase.AdminConnectionString);
        await connection.OpenAsync();
        foreach (var sql in new[] { $"DROP DATABASE IF EXISTS {Name} WITH (FORCE)", $"DROP ROLE IF EXISTS {WriterLogin}" })
        {
            await using var command = new NpgsqlCommand(sql, connection);
            await command.ExecuteNonQueryAsync();
        }
    }

    // Grants on the cluster-wide writer role race with other test databases doing the same ("tuple concurrently updated").
    private async Task ExecuteWithRetryAsync(string statement)
    {
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                await AdminAsync(statement);
                return;
            }
            catch (PostgresException e) when (attempt < 10 && (e.SqlState is "XX000" or "40P01" or "40001"))
            {
                await Task.Delay(50 * attempt);
            }
        }
    }
}
