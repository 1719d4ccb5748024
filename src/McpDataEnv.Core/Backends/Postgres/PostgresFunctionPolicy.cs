using System.Text.RegularExpressions;
using McpDataEnv.Core.Errors;

namespace McpDataEnv.Core.Backends.Postgres;

/// <summary>
/// Which functions a query may call. Two rules, both checked before the query runs:
/// <list type="number">
/// <item>A deny list of functions that act or read outside the query's tables even though they are
/// <c>STABLE</c> or work inside a read-only transaction: files (<c>pg_read_file</c>, <c>pg_ls_*</c>,
/// <c>pg_stat_file</c>, <c>lo_*</c>), SQL from strings or whole tables outside the plan
/// (<c>query_to_xml</c>, <c>table_to_xml</c>..., <c>ts_stat</c>), other sessions and the server
/// (<c>pg_terminate_backend</c>, <c>pg_cancel_backend</c>, <c>pg_reload_conf</c>, advisory locks,
/// <c>pg_notify</c>), settings (<c>set_config</c>), sequences, transaction ids, <c>dblink*</c>. Checked on
/// the statement text before <c>EXPLAIN</c>, because the planner may evaluate stable functions.</item>
/// <item>Volatility from <c>pg_proc</c>: any name that resolves to a <c>VOLATILE</c> function (in any
/// overload) is refused unless allow-listed (<c>random</c>, <c>clock_timestamp</c>, <c>timeofday</c>,
/// <c>gen_random_uuid</c>, <c>random_normal</c>): new side-effecting functions are refused without a list
/// update. Checked on the statement text and on the function names the verbose plan shows.</item>
/// </list>
/// </summary>
/// <remarks>
/// Limits: functions invoked implicitly (operators, casts, triggers do not fire on reads) are not
/// seen by name; the built-in ones are harmless, and custom operators over dangerous functions would
/// have to be created by an administrator. Refusal messages reach the model; they name only the function.
/// </remarks>
public static partial class PostgresFunctionPolicy
{
    public static IReadOnlySet<string> VolatileAllowed { get; } = new HashSet<string>(StringComparer.Ordinal)
    {
        "random", "random_normal", "clock_timestamp", "timeofday", "gen_random_uuid",
    };

    /// <summary>True when <paramref name="name"/> (lower-case) is on the deny list.</summary>
    public static bool IsDenied(string name) => DenyPattern().IsMatch(name);

    /// <summary>Throws <c>engine_refused</c> for the first denied name.</summary>
    public static void RefuseDenied(IEnumerable<string> names)
    {
        foreach (var name in names.Order(StringComparer.Ordinal))
        {
            if (IsDenied(name)) throw Refusal(name, "it reaches outside the query (files, sessions, settings, locks or SQL text)");
        }
    }

    /// <summary>Throws <c>engine_refused</c> for the first volatile name that is not allow-listed.</summary>
    public static void RefuseVolatile(IEnumerable<string> volatileNames)
    {
        foreach (var name in volatileNames.Order(StringComparer.Ordinal))
        {
            if (!VolatileAllowed.Contains(name)) throw Refusal(name, "it is VOLATILE (it may have side effects)");
        }
    }

    private static DataEnvException Refusal(string name, string why) => new(
        ErrorCodes.EngineRefused,
        $"Function {name}() is not allowed in read-only queries: {why}. Rewrite the query without it.",
        new Dictionary<string, object?> { ["function"] = name, ["rule"] = "postgres.function_guard" });

    [GeneratedRegex(
        "^(pg_read_.*|pg_ls_.*|pg_stat_file|pg_file.*|lo_.*|.*_to_xml.*|.*_to_xmlschema|ts_stat|dblink.*|" +
        "pg_terminate_backend|pg_cancel_backend|pg_reload_conf|pg_rotate_logfile.*|pg_switch_wal|pg_promote|" +
        "pg_(try_)?advisory_.*|pg_notify|set_config|setseed|pg_sleep.*|" +
        "txid_.*|pg_current_xact_id.*|pg_export_snapshot|pg_import_.*|pg_log_.*|pg_backup_.*|" +
        "pg_create_.*|pg_drop_.*|pg_replication_.*|pg_logical_.*|pg_wal_.*|pg_stat_reset.*|" +
        "nextval|setval|currval|lastval)$", RegexOptions.CultureInvariant)]
    private static partial Regex DenyPattern();
}
