using McpDataEnv.Core.Errors;
using McpDataEnv.Core.Governance;
using Npgsql;

namespace McpDataEnv.Core.Backends.Postgres;

/// <summary>
/// Row filters are row-level security, which binds the role that reads the table. A view reads its tables with its
/// owner's rights (unless created <c>WITH (security_invoker = true)</c>), and a materialized view is a snapshot: through
/// either, a filtered role would see every row while the plan shows only the base table. So for a scope with row
/// filters, any name in the statement that is such a view is refused.
/// </summary>
/// <remarks>Names are matched on the statement's identifiers in every schema (conservative: a same-named view
/// elsewhere refuses too); unfiltered roles are not affected.</remarks>
internal static class PostgresViewGuard
{
    public const string Rule = "postgres.row_filter_view";

    public static async Task CheckAsync(NpgsqlConnection connection, string sql, IAccessScope access, CancellationToken ct)
    {
        if (access.RowFilters.Count == 0)
        {
            return;
        }

        var names = PostgresTokens.Of(sql).Select(PostgresTokens.Name).OfType<string>().Distinct(StringComparer.Ordinal).ToArray();
        if (names.Length == 0)
        {
            return;
        }

        await using var cmd = new NpgsqlCommand(
            "SELECT n.nspname || '.' || c.relname FROM pg_catalog.pg_class c JOIN pg_catalog.pg_namespace n ON n.oid = c.relnamespace " +
            "WHERE c.relname = ANY($1::text[]) AND (c.relkind = 'm' OR (c.relkind = 'v' AND NOT coalesce(c.reloptions, '{}') @> '{security_invoker=true}')) " +
            "ORDER BY 1 LIMIT 1", connection)
        {
            Parameters = { new() { Value = names } },
        };
        if (await cmd.ExecuteScalarAsync(ct) is string view)
        {
            throw new DataEnvException(
                ErrorCodes.AccessDenied,
                $"Access denied to {view} (rule {Rule}): your role reads under row filters, and this view runs with its owner's rights, so the database would not filter its rows. Query the base tables instead.",
                new Dictionary<string, object?> { ["table"] = view, ["column"] = "", ["rule"] = Rule });
        }
    }
}
