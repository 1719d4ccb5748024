namespace McpDataEnv.Core.Backends.Postgres;

/// <summary>
/// Generates the SQL an administrator runs to create the reader role the backend switches to with
/// <c>SET LOCAL ROLE</c>: <c>NOLOGIN</c>, <c>USAGE</c> on the schema, <c>SELECT</c> on exactly the allowed
/// tables (column-level grants when columns are listed), nothing else; and it revokes <c>EXECUTE</c> from
/// <c>PUBLIC</c> on the file, session and lock functions that PUBLIC can call by default. The script is
/// idempotent (it revokes everything on the schema's tables from the role first).
/// </summary>
public static class PostgresGrantScript
{
    /// <summary>Functions PUBLIC may execute by default that a reader has no business calling.</summary>
    public static IReadOnlyList<string> RevokedFunctions { get; } =
    [
        "pg_catalog.pg_advisory_lock(bigint)", "pg_catalog.pg_advisory_lock_shared(bigint)",
        "pg_catalog.pg_try_advisory_lock(bigint)", "pg_catalog.pg_advisory_xact_lock(bigint)",
        "pg_catalog.pg_notify(text, text)", "pg_catalog.pg_sleep(double precision)",
        "pg_catalog.pg_cancel_backend(integer)", "pg_catalog.pg_terminate_backend(integer, bigint)",
        "pg_catalog.query_to_xml(text, boolean, boolean, text)", "pg_catalog.table_to_xml(regclass, boolean, boolean, text)",
        "pg_catalog.schema_to_xml(name, boolean, boolean, text)", "pg_catalog.database_to_xml(boolean, boolean, text)",
    ];

    /// <param name="tables">Table → allowed columns; <c>null</c> or empty columns means the whole table.</param>
    public static string Generate(string schema, string readerRole, IReadOnlyDictionary<string, IReadOnlyList<string>?> tables) =>
        "BEGIN;\n" + string.Concat(Statements(schema, readerRole, tables).Select(x => x + ";\n")) + "COMMIT;\n";

    /// <summary>The same script as separate statements (one per Parse), without the enclosing transaction.</summary>
    public static IReadOnlyList<string> Statements(string schema, string readerRole, IReadOnlyDictionary<string, IReadOnlyList<string>?> tables)
    {
        var s = PostgresIdentifier.Quote(schema);
        if (readerRole.Contains('$')) throw new ArgumentException("reader role names may not contain '$'", nameof(readerRole));
        var r = PostgresIdentifier.Quote(readerRole);
        var sql = new List<string>();
        sql.Add($"DO $mcpdataenv$ BEGIN CREATE ROLE {r} NOLOGIN NOSUPERUSER NOCREATEDB NOCREATEROLE NOINHERIT NOREPLICATION NOBYPASSRLS; " +
                       "EXCEPTION WHEN duplicate_object OR unique_violation THEN NULL; END $mcpdataenv$"); // unique_violation: created concurrently
        sql.Add($"ALTER ROLE {r} NOLOGIN NOSUPERUSER NOCREATEDB NOCREATEROLE NOINHERIT NOREPLICATION NOBYPASSRLS");
        sql.Add($"REVOKE ALL ON ALL TABLES IN SCHEMA {s} FROM {r}");
        sql.Add($"REVOKE ALL ON SCHEMA {s} FROM {r}");
        sql.Add($"GRANT USAGE ON SCHEMA {s} TO {r}");
        foreach (var (table, columns) in tables.OrderBy(t => t.Key, StringComparer.Ordinal))
        {
            var target = $"{s}.{PostgresIdentifier.Quote(table)}";
            sql.Add(columns is { Count: > 0 }
                ? $"GRANT SELECT ({string.Join(", ", columns.Select(PostgresIdentifier.Quote))}) ON {target} TO {r}"
                : $"GRANT SELECT ON {target} TO {r}");
        }
        foreach (var function in RevokedFunctions)
        {
            sql.Add($"REVOKE EXECUTE ON FUNCTION {function} FROM PUBLIC");
        }
        return sql;
    }
}
