using System.Collections.Frozen;

namespace McpDataEnv.Core.Sql;

/// <summary>
/// The one place that lists functions the gate refuses wherever they are called (select list, FROM,
/// WHERE, LATERAL, CTE, inside casts, schema-qualified or quoted): they read server files, signal or
/// lock other sessions, change settings or sequences, or sleep.
/// </summary>
/// <remarks>
/// Defence in depth, not the only guard: the PostgreSQL backend additionally checks every function
/// the planner resolves against <c>pg_proc</c> (volatility + allowlist) in the engine, and the SQLite
/// backend's authorizer sees every function call. Names compare case-insensitively, so a quoted
/// <c>"PG_READ_FILE"</c> is refused too (it is a different, non-existent function to PostgreSQL).
/// </remarks>
public static class ForbiddenFunctions
{
    private static readonly FrozenSet<string> PostgresNames = new[]
    {
        "pg_read_file", "pg_read_binary_file", "pg_stat_file", "pg_terminate_backend", "pg_cancel_backend",
        "pg_reload_conf", "pg_rotate_logfile", "pg_notify", "set_config", "nextval", "setval", "currval",
        "lastval", "pg_switch_wal", "pg_promote", "pg_import_system_collations", "loread", "lowrite",
        "pg_start_backup", "pg_stop_backup", "pg_log_backend_memory_contexts", "pg_export_snapshot",
    }.ToFrozenSet(StringComparer.OrdinalIgnoreCase);

    private static readonly string[] PostgresPrefixes =
    [
        "pg_ls_", "lo_", "dblink", "pg_advisory_", "pg_try_advisory_", "pg_sleep", "txid_current",
        "pg_current_xact_id", "query_to_xml", "table_to_xml", "cursor_to_xml", "database_to_xml",
        "schema_to_xml", "pg_logical_", "pg_replication_", "pg_create_", "pg_drop_", "pg_file_",
        "pg_stat_reset", "pg_wal_replay_", "pg_backup_",
    ];

    private static readonly FrozenSet<string> SqliteNames = new[]
    {
        "load_extension", "readfile", "writefile", "edit", "fts3_tokenizer",
    }.ToFrozenSet(StringComparer.OrdinalIgnoreCase);

    /// <summary>True when calling <paramref name="name"/> (unqualified) is refused in <paramref name="dialect"/>.</summary>
    public static bool IsForbidden(string name, SqlDialect dialect) => dialect switch
    {
        SqlDialect.Postgres => PostgresNames.Contains(name)
            || PostgresPrefixes.Any(p => name.StartsWith(p, StringComparison.OrdinalIgnoreCase)),
        _ => SqliteNames.Contains(name),
    };
}
