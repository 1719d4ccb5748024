using McpDataEnv.Core.Backends.Postgres;
using McpDataEnv.Core.Sql;

namespace McpDataEnv.Core.Tests.Sql;

/// <summary>One deny list: the text gate and the PostgreSQL function guard refuse exactly the same names.</summary>
public sealed class ForbiddenFunctionsTests
{
    // Every function issue 3 names (families expanded to their members), plus the neighbours the lists cover.
    public static TheoryData<string> IssueFunctions() => new(
        "pg_read_file", "pg_read_binary_file", "pg_ls_dir", "pg_ls_logdir", "pg_ls_waldir", "pg_stat_file",
        "lo_import", "lo_export", "lo_creat", "lo_create", "lo_unlink", "lo_open", "lo_get", "lo_put", "loread", "lowrite",
        "dblink", "dblink_exec", "dblink_connect", "dblink_send_query",
        "pg_terminate_backend", "pg_cancel_backend", "pg_reload_conf",
        "pg_advisory_lock", "pg_advisory_xact_lock", "pg_advisory_unlock_all", "pg_try_advisory_lock", "pg_try_advisory_xact_lock_shared",
        "pg_notify", "set_config", "pg_sleep", "pg_sleep_for", "pg_sleep_until",
        "txid_current", "txid_current_if_assigned", "pg_current_xact_id", "pg_current_xact_id_if_assigned",
        "nextval", "setval", "currval", "lastval",
        "query_to_xml", "query_to_xmlschema", "query_to_xml_and_xmlschema", "table_to_xml", "table_to_xmlschema",
        "cursor_to_xml", "schema_to_xml", "database_to_xml", "database_to_xml_and_xmlschema",
        "setseed", "ts_stat", "pg_export_snapshot", "pg_import_system_collations", "pg_log_backend_memory_contexts",
        "pg_switch_wal", "pg_promote", "pg_rotate_logfile", "pg_create_restore_point", "pg_drop_replication_slot",
        "pg_logical_emit_message", "pg_replication_origin_create", "pg_wal_replay_pause", "pg_stat_reset",
        "pg_backup_start", "pg_start_backup", "pg_file_write", "PG_READ_FILE",
        "pg_stat_get_activity", "pg_stat_get_backend_activity", "pg_stat_get_backend_client_addr", "pg_stat_get_backend_userid");

    [Theory]
    [MemberData(nameof(IssueFunctions))]
    public void Every_dangerous_function_is_refused_by_the_single_list_in_both_layers(string name)
    {
        ForbiddenFunctions.IsForbidden(name, SqlDialect.Postgres).Should().BeTrue();
        PostgresFunctionPolicy.IsDenied(name).Should().BeTrue();
    }

    [Theory]
    [InlineData("lower")]
    [InlineData("now")]
    [InlineData("current_setting")]
    [InlineData("pg_backend_pid")]
    [InlineData("xmlagg")]
    [InlineData("percentile_cont")]
    [InlineData("to_char")]
    [InlineData("pg_filenode_relation")]
    public void Analytics_functions_pass_both_layers(string name)
    {
        ForbiddenFunctions.IsForbidden(name, SqlDialect.Postgres).Should().BeFalse();
        PostgresFunctionPolicy.IsDenied(name).Should().BeFalse();
    }
}
