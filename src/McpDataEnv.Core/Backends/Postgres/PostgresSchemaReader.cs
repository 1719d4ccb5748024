using Npgsql;

namespace McpDataEnv.Core.Backends.Postgres;

/// <summary>
/// Reads the catalog (<c>pg_class</c>, <c>pg_attribute</c>, <c>pg_constraint</c>, <c>pg_description</c>): the
/// environment's schema first, then every other non-system schema the connection can use. Row counts are the
/// planner's <c>reltuples</c> (0 when never analysed).
/// </summary>
internal static class PostgresSchemaReader
{
    private const string TablesSql = """
        SELECT c.oid, n.nspname::text, c.relname::text, GREATEST(c.reltuples, 0)::bigint,
               obj_description(c.oid, 'pg_class'),
               coalesce((SELECT array_agg(a.attname::text ORDER BY k.ord) FROM pg_constraint p
                         CROSS JOIN LATERAL unnest(p.conkey) WITH ORDINALITY k(attnum, ord)
                         JOIN pg_attribute a ON a.attrelid = c.oid AND a.attnum = k.attnum
                         WHERE p.conrelid = c.oid AND p.contype = 'p'), '{}')
        FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
        WHERE c.relkind IN ('r', 'p', 'v', 'm', 'f')
          AND n.nspname NOT IN ('pg_catalog', 'information_schema', 'pg_toast') AND n.nspname NOT LIKE 'pg_temp%'
          AND has_schema_privilege(n.oid, 'USAGE')
        ORDER BY n.nspname <> $1, n.nspname, c.relname
        """;

    private const string ColumnsSql = """
        SELECT a.attrelid, a.attname::text, format_type(a.atttypid, a.atttypmod), NOT a.attnotnull,
               col_description(a.attrelid, a.attnum)
        FROM pg_attribute a WHERE a.attrelid = ANY($1::oid[]) AND a.attnum > 0 AND NOT a.attisdropped
        ORDER BY a.attrelid, a.attnum
        """;

    private const string ForeignKeysSql = """
        SELECT p.conrelid,
               (SELECT array_agg(a.attname::text ORDER BY k.ord) FROM unnest(p.conkey) WITH ORDINALITY k(n, ord)
                JOIN pg_attribute a ON a.attrelid = p.conrelid AND a.attnum = k.n),
               r.relname::text, rn.nspname::text,
               (SELECT array_agg(a.attname::text ORDER BY k.ord) FROM unnest(p.confkey) WITH ORDINALITY k(n, ord)
                JOIN pg_attribute a ON a.attrelid = p.confrelid AND a.attnum = k.n)
        FROM pg_constraint p JOIN pg_class r ON r.oid = p.confrelid JOIN pg_namespace rn ON rn.oid = r.relnamespace
        WHERE p.contype = 'f' AND p.conrelid = ANY($1::oid[])
        ORDER BY p.conrelid, p.conname
        """;

    /// <summary>
    /// Reads the catalog as the reader role sees it (inside the same read-only, role-switched transaction as a
    /// query), so a login that only holds membership of the reader role is described by what that role may use.
    /// </summary>
    public static async Task<LiveSchema> ReadAsReaderAsync(NpgsqlConnection connection, string schema, string? readerRole, CancellationToken ct)
    {
        try
        {
            await using (var setup = PostgresSessionSetup.Create(connection, schema, readerRole, TimeSpan.FromSeconds(30)))
            {
                await setup.ExecuteNonQueryAsync(ct);
            }

            return await ReadAsync(connection, schema, ct);
        }
        finally
        {
            // Quietly: on a connection the server dropped mid-read the rollback fails too, and the error that ended
            // the read is the one the backend must see (it retries connection failures once on a fresh connection).
            await PostgresTransactions.RollbackQuietlyAsync(connection);
        }
    }

    public static async Task<LiveSchema> ReadAsync(NpgsqlConnection connection, string schema, CancellationToken ct)
    {
        var tables = new List<(uint Oid, string Schema, string Name, long Rows, string? Comment, string[] Pk)>();
        await foreach (var r in QueryAsync(connection, TablesSql, schema, ct))
        {
            tables.Add((r.GetFieldValue<uint>(0), r.GetString(1), r.GetString(2), r.GetInt64(3),
                r.IsDBNull(4) ? null : r.GetString(4), r.GetFieldValue<string[]>(5)));
        }
        var oids = tables.Select(t => t.Oid).ToArray();
        var columns = new Dictionary<uint, List<LiveColumn>>();
        await foreach (var r in QueryAsync(connection, ColumnsSql, oids, ct))
        {
            Add(columns, r.GetFieldValue<uint>(0), new LiveColumn(r.GetString(1), r.GetString(2), r.GetBoolean(3), r.IsDBNull(4) ? null : r.GetString(4)));
        }
        var keys = new Dictionary<uint, List<LiveForeignKey>>();
        await foreach (var r in QueryAsync(connection, ForeignKeysSql, oids, ct))
        {
            var target = r.GetString(3) == schema ? r.GetString(2) : $"{r.GetString(3)}.{r.GetString(2)}";
            Add(keys, r.GetFieldValue<uint>(0), new LiveForeignKey(r.GetFieldValue<string[]>(1), target, r.GetFieldValue<string[]>(4)));
        }
        return new LiveSchema(tables.Select(t => new LiveTable(t.Schema, t.Name, t.Rows,
            columns.GetValueOrDefault(t.Oid) ?? [], t.Pk, keys.GetValueOrDefault(t.Oid) ?? [], t.Comment)).ToList());
    }

    private static void Add<T>(Dictionary<uint, List<T>> map, uint key, T value)
    {
        if (!map.TryGetValue(key, out var list)) map[key] = list = [];
        list.Add(value);
    }

    private static async IAsyncEnumerable<NpgsqlDataReader> QueryAsync(NpgsqlConnection connection, string sql, object parameter,
        [System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken ct)
    {
        await using var cmd = new NpgsqlCommand(sql, connection) { Parameters = { parameter is uint[] ? new() { Value = parameter, DataTypeName = "oid[]" } : new() { Value = parameter } } };
        await using var reader = await cmd.ExecuteReaderAsync(ct);
        while (await reader.ReadAsync(ct)) yield return reader;
    }
}
