using Npgsql;

namespace McpDataEnv.Tests.Support;

/// <summary>The throwaway test cluster (scripts/pg-test-cluster.sh); fails, never skips, when it is not running.</summary>
public static class PostgresCluster
{
    public static string AdminConnectionString =>
        Environment.GetEnvironmentVariable("MCPDATAENV_TEST_PG") is { Length: > 0 } cs
            ? cs
            : throw new InvalidOperationException(
                "MCPDATAENV_TEST_PG is not set. Start the test cluster: scripts/pg-test-cluster.sh start && . .pgtest/env");

    public static async Task ExecuteAsync(string connectionString, params string[] statements)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        foreach (var sql in statements)
        {
            await using var cmd = new NpgsqlCommand(sql, connection) { CommandTimeout = 300 };
            await cmd.ExecuteNonQueryAsync();
        }
    }

    /// <summary>Drops a database the test run made for itself, best effort, from a process-exit handler (synchronous).</summary>
    public static void DropDatabaseAtExit(string database)
    {
        try
        {
            using var connection = new NpgsqlConnection(new NpgsqlConnectionStringBuilder(AdminConnectionString) { Pooling = false }.ConnectionString);
            connection.Open();
            using var cmd = new NpgsqlCommand($"DROP DATABASE IF EXISTS {database} WITH (FORCE)", connection);
            cmd.ExecuteNonQuery();
        }
        catch (Exception e) when (e is NpgsqlException or InvalidOperationException or TimeoutException)
        {
            // The cluster may already be gone (test.sh stops it); a throwaway cluster needs no tidying then.
        }
    }

    public static async Task<object?> ScalarAsync(string connectionString, string sql)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        await using var cmd = new NpgsqlCommand(sql, connection);
        return await cmd.ExecuteScalarAsync();
    }
}
