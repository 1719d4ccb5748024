using McpDataEnv.Core.Errors;
using McpDataEnv.Core.Governance;
using McpDataEnv.Core.Sql.Lexing;
using Npgsql;

namespace McpDataEnv.Core.Backends.Postgres;

/// <summary>
/// Row filters are row-level security, which binds the role that reads the table. A view reads its tables with its
/// owner's rights (unless created <c>WITH (security_invoker = true)</c>), and a materialized view is a snapshot: through
/// either, a filtered role would see every row while the plan shows only the base table. So for a scope with row
/// filters, any name in the statement that is such a view is refused.
/// </summary>
/// <remarks>Names are matched on the statement's identifiers in every schema (conservative: a same-named view
/// elsewhere refuses too); unfiltered roles are not affected. The lookup (<see cref="Lookup"/>) rides in
/// <see cref="PostgresCatalogFacts"/>' batch, so it costs no round trip of its own, and the names come from the
/// tokens the runner already has, so the text is not lexed again.</remarks>
internal static class PostgresViewGuard
{
    public const string Rule = "postgres.row_filter_view";

    /// <summary>The names to look up: every name in the statement for a scope with row filters, none otherwise.</summary>
    public static string[] Candidates(IReadOnlyList<SqlToken> tokens, IAccessScope access) =>
        access.RowFilters.Count == 0
            ? []
            : tokens.Select(PostgresTokens.Name).OfType<string>().Distinct(StringComparer.Ordinal).ToArray();

    /// <summary>
    /// The catalog query for <paramref name="names"/>: one row, <c>schema.name</c> of the first (by that text) such view,
    /// or no row.
    /// </summary>
    public static NpgsqlBatchCommand Lookup(string[] names) => new(
        "SELECT n.nspname || '.' || c.relname FROM pg_catalog.pg_class c JOIN pg_catalog.pg_namespace n ON n.oid = c.relnamespace " +
        "WHERE c.relname = ANY($1::text[]) AND (c.relkind = 'm' OR (c.relkind = 'v' AND NOT coalesce(c.reloptions, '{}') @> '{security_invoker=true}')) " +
        "ORDER BY 1 LIMIT 1")
    {
        Parameters = { new NpgsqlParameter { Value = names } },
    };

    /// <summary>Refuses the statement when the lookup found a view that row-level security would not filter.</summary>
    public static void Check(PostgresCatalogFacts catalog)
    {
        if (catalog.OwnerRightsView is { } view)
        {
            throw new DataEnvException(
                ErrorCodes.AccessDenied,
                $"Access denied to {view} (rule {Rule}): your role reads under row filters, and this view runs with its owner's rights, so the database would not filter its rows. Query the base tables instead.",
                new Dictionary<string, object?> { ["table"] = view, ["column"] = "", ["rule"] = Rule });
        }
    }
}
