using McpDataEnv.Core.Demo;
using Npgsql;

namespace McpDataEnv.Core.Backends.Postgres;

/// <summary>
/// Recreates the demo tables in one transaction and bulk-loads them with binary <c>COPY</c>; foreign keys and
/// their indexes are added after the load, then <c>ANALYZE</c>. When a reader role is configured it is
/// (re)created via <see cref="PostgresGrantScript"/> with SELECT on what at least one policy role may read
/// (<c>readable</c>; every demo column when null): whole tables where every column is readable, column grants
/// where only some are, nothing where none are. Per-role column and row restrictions stay with the access scope.
/// </summary>
internal static class PostgresSeeder
{
    public static async Task<bool> IsSeededAsync(NpgsqlConnection connection, string schema, CancellationToken ct)
    {
        await using var cmd = new NpgsqlCommand(
            "SELECT count(*) FROM pg_catalog.pg_class c JOIN pg_catalog.pg_namespace n ON n.oid = c.relnamespace " +
            "WHERE n.nspname = $1 AND c.relname = ANY($2) AND c.relkind = 'r'", connection)
        {
            Parameters = { new() { Value = schema }, new() { Value = PostgresDemoSchema.Tables.Select(t => t.Table).ToArray() } },
        };
        return (long)(await cmd.ExecuteScalarAsync(ct))! == PostgresDemoSchema.Tables.Count;
    }

    public static async Task SeedAsync(NpgsqlConnection connection, string schema, string? readerRole, RetailDataset data,
        Func<string, string, bool>? readable, CancellationToken ct)
    {
        var s = PostgresIdentifier.Quote(schema);
        await using var tx = await connection.BeginTransactionAsync(ct);
        await RunAsync(connection, $"CREATE SCHEMA IF NOT EXISTS {s}", ct);
        foreach (var (table, _, _, _) in PostgresDemoSchema.Tables.Reverse())
        {
            await RunAsync(connection, $"DROP TABLE IF EXISTS {s}.{table} CASCADE", ct);
        }
        foreach (var (table, columns, comment, _) in PostgresDemoSchema.Tables)
        {
            await RunAsync(connection, $"CREATE TABLE {s}.{table} ({columns})", ct);
            await RunAsync(connection, $"COMMENT ON TABLE {s}.{table} IS '{comment.Replace("'", "''")}'", ct);
        }
        await PostgresBulkLoad.LoadAsync(connection, s, data, ct);
        foreach (var (table, _, _, keys) in PostgresDemoSchema.Tables)
        {
            foreach (var key in keys)
            {
                var column = key[1..key.IndexOf(')')];
                await RunAsync(connection, $"ALTER TABLE {s}.{table} ADD FOREIGN KEY {key.Replace("{s}", s)}", ct);
                await RunAsync(connection, $"CREATE INDEX ON {s}.{table} ({column})", ct);
            }
            await RunAsync(connection, $"ANALYZE {s}.{table}", ct);
        }
        if (readerRole is not null)
        {
            var tables = await GrantsAsync(connection, schema, readable, ct);
            foreach (var statement in PostgresGrantScript.Statements(schema, readerRole, tables)) await RunAsync(connection, statement, ct);
        }
        await tx.CommitAsync(ct);
    }

    private static async Task<Dictionary<string, IReadOnlyList<string>?>> GrantsAsync(
        NpgsqlConnection connection, string schema, Func<string, string, bool>? readable, CancellationToken ct)
    {
        var grants = new Dictionary<string, IReadOnlyList<string>?>(StringComparer.Ordinal);
        foreach (var (table, _, _, _) in PostgresDemoSchema.Tables)
        {
            await using var cmd = new NpgsqlCommand(
                "SELECT a.attname::text FROM pg_catalog.pg_attribute a WHERE a.attrelid = ($1 || '.' || $2)::regclass AND a.attnum > 0 AND NOT a.attisdropped ORDER BY a.attnum",
                connection) { Parameters = { new() { Value = PostgresIdentifier.Quote(schema) }, new() { Value = table } } };
            var columns = new List<string>();
            await using (var reader = await cmd.ExecuteReaderAsync(ct))
            {
                while (await reader.ReadAsync(ct)) columns.Add(reader.GetString(0));
            }
            var allowed = columns.Where(c => readable?.Invoke(table, c) ?? true).ToList();
            if (allowed.Count == columns.Count) grants[table] = null;
            else if (allowed.Count > 0) grants[table] = allowed;
        }
        return grants;
    }

    private static async Task RunAsync(NpgsqlConnection connection, string sql, CancellationToken ct)
    {
        await using var cmd = new NpgsqlCommand(sql, connection) { CommandTimeout = 600 };
        await cmd.ExecuteNonQueryAsync(ct);
    }
}
