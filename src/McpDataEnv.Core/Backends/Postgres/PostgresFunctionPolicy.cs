using McpDataEnv.Core.Errors;
using McpDataEnv.Core.Sql;

namespace McpDataEnv.Core.Backends.Postgres;

/// <summary>
/// Which functions a query may call. Two rules, both checked before the query runs:
/// <list type="number">
/// <item>The deny list, <see cref="ForbiddenFunctions"/> (the same one the text gate uses): functions that act or
/// read outside the query's tables even though they are <c>STABLE</c> or work inside a read-only transaction.
/// Checked on the statement text before <c>EXPLAIN</c>, because the planner may evaluate stable functions, and on
/// the function names the verbose plan shows.</item>
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
/// Functions that answer catalog questions (<c>to_regclass</c>, <c>pg_table_size</c>, <c>has_column_privilege</c>,
/// <c>pg_get_viewdef</c>...) are not refused here, for everyone, but by <see cref="PostgresCatalogProbes"/>, for a
/// scope that may not read the catalog.
/// </remarks>
public static class PostgresFunctionPolicy
{
    public static IReadOnlySet<string> VolatileAllowed { get; } = new HashSet<string>(StringComparer.Ordinal)
    {
        "random", "random_normal", "clock_timestamp", "timeofday", "gen_random_uuid",
    };

    /// <summary>
    /// Functions that look a table, column or type up by a <c>text</c> name and have no overload taking or returning an
    /// oid, so <see cref="PostgresCatalogProbes"/> cannot tell them by their types: <c>pg_get_serial_sequence('payroll',
    /// 'salary')</c> says whether the table and the column exist; <c>pg_input_is_valid('payroll', 'regclass')</c>,
    /// <c>pg_input_error_info</c> (PostgreSQL 16) and <c>to_regtypemod</c> (17) take the type as a string, out of the
    /// text's names. A scope that may not read the catalog may not call them (the deny list above is for everyone).
    /// Found by listing <c>pg_catalog</c>'s functions without oid arguments or results that name relations.
    /// </summary>
    public static IReadOnlySet<string> NamesCatalogObjectsByText { get; } = new HashSet<string>(StringComparer.Ordinal)
    {
        "pg_get_serial_sequence", "pg_input_is_valid", "pg_input_error_info", "to_regtypemod",
    };

    /// <summary>True when <paramref name="name"/> (lower-case) is on the deny list.</summary>
    public static bool IsDenied(string name) => ForbiddenFunctions.IsForbidden(name, SqlDialect.Postgres);

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
}
