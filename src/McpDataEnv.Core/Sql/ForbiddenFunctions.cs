using System.Collections.Frozen;

namespace McpDataEnv.Core.Sql;

/// <summary>
/// The one list of functions refused wherever they are called (select list, FROM, WHERE, LATERAL, CTE, inside
/// casts, schema-qualified, quoted or <c>U&amp;"..."</c>-escaped): they read server files, run SQL from strings or
/// read whole tables outside the plan, signal or lock other sessions, change settings, sequences or the server's
/// state, expose transaction ids or other sessions (their running SQL, client addresses: every principal's queries run
/// as the one reader role, so PostgreSQL would show each principal the others'), or sleep. The text gate and the PostgreSQL backend's function guard
/// (<c>PostgresFunctionPolicy</c>, on the statement text and on every function the verbose plan names) both ask it.
/// </summary>
/// <remarks>
/// Defence in depth, not the only guard: the PostgreSQL backend additionally refuses any name that resolves to a
/// <c>VOLATILE</c> function in <c>pg_proc</c> unless allow-listed, and the SQLite backend's authorizer sees every
/// function call. Names compare case-insensitively, so a quoted <c>"PG_READ_FILE"</c> is refused too (it is a
/// different, non-existent function to PostgreSQL).
/// </remarks>
public static class ForbiddenFunctions
{
    private static readonly FrozenSet<string> PostgresNames = new[]
    {
        "pg_stat_file", "pg_terminate_backend", "pg_cancel_backend", "pg_reload_conf", "pg_notify", "set_config",
        "setseed", "ts_stat", "nextval", "setval", "currval", "lastval", "pg_switch_wal", "pg_promote",
        "pg_export_snapshot", "loread", "lowrite", "pg_start_backup", "pg_stop_backup", "pg_stat_get_activity",
    }.ToFrozenSet(StringComparer.OrdinalIgnoreCase);

    private static readonly string[] PostgresPrefixes =
    [
        "pg_read_", "pg_ls_", "pg_file_", "lo_", "dblink", "pg_advisory_", "pg_try_advisory_", "pg_sleep", "txid_",
        "pg_current_xact_id", "pg_rotate_logfile", "pg_import_", "pg_log_", "pg_logical_", "pg_replication_",
        "pg_create_", "pg_drop_", "pg_stat_reset", "pg_wal_", "pg_backup_", "pg_stat_get_backend_",
    ];

    // query_to_xml, table_to_xmlschema, cursor_to_xml, schema_to_xml_and_xmlschema, database_to_xml...: SQL text
    // or whole tables read outside the plan.
    private const string PostgresXmlExport = "_to_xml";

    private static readonly FrozenSet<string> SqliteNames = new[]
    {
        "load_extension", "readfile", "writefile", "edit", "fts3_tokenizer",
    }.ToFrozenSet(StringComparer.OrdinalIgnoreCase);

    /// <summary>True when calling <paramref name="name"/> (unqualified) is refused in <paramref name="dialect"/>.</summary>
    public static bool IsForbidden(string name, SqlDialect dialect) => dialect switch
    {
        SqlDialect.Postgres => PostgresNames.Contains(name)
            || PostgresPrefixes.Any(p => name.StartsWith(p, StringComparison.OrdinalIgnoreCase))
            || name.Contains(PostgresXmlExport, StringComparison.OrdinalIgnoreCase),
        _ => SqliteNames.Contains(name),
    };
}
