using McpDataEnv.Core.Errors;
using McpDataEnv.Core.Governance;

namespace McpDataEnv.Core.Backends.Postgres;

/// <summary>
/// Asks the request's <see cref="IAccessScope"/> about every (table, column) the verbose plan reads, before the
/// statement runs. Tables in the environment's schema are named plainly (<c>customers</c>), others
/// <c>schema.table</c>. A scan that reads no particular column (<c>count(*)</c>) is checked as column <c>""</c>.
/// </summary>
/// <remarks>
/// Limits: partitions are reported under their own names, not the parent's; a function that reads tables by
/// itself (not visible in the plan) is stopped by the function guard, not here. Row filters are enforced by the
/// engine's row-level security (<see cref="PostgresAdminScript"/>), which binds only the reader role: a query on a
/// filtered table is refused (fail closed) unless a reader role is configured and the table has our policy.
/// <para>The catalog, for a scope that may not read it (<see cref="IAccessScope.CheckCatalogRead"/>): relations in
/// <c>pg_catalog</c> and <c>information_schema</c> the plan scans are refused here; functions and casts that answer
/// from the catalog without a scan in the plan (<c>to_regclass</c>, <c>::regclass</c>, <c>pg_table_size</c>,
/// <c>has_column_privilege</c>, <c>pg_get_viewdef</c>...) are refused before this, by <see cref="PostgresCatalogProbes"/>,
/// with the same refusal whether the object asked about exists or not, and so are tables' row types
/// (<c>(NULL::payroll).*</c>, <c>json_populate_record(NULL::customers, '{}')</c>), with the same refusal as a type that
/// does not exist. Still open: a <c>FROM</c> of a missing table is PostgreSQL's "relation does not exist" where a
/// hidden one is this guard's refusal (so whether a table exists can be told; its columns cannot); and timing (how
/// long a refusal takes) is out of scope throughout.</para>
/// </remarks>
internal sealed class PostgresAccessGuard(string schema, string? readerRole = null)
{
    // Catalogs holding secrets or sampled row values that would bypass column checks.
    private static readonly HashSet<string> SecretCatalogs = new(StringComparer.Ordinal)
    {
        "pg_authid", "pg_user_mapping", "pg_statistic", "pg_statistic_ext_data", "pg_largeobject",
        "pg_subscription", "pg_db_role_setting",
    };

    /// <param name="catalog">Columns and row-security state of every relation the plan scans.</param>
    public void Check(PostgresPlan plan, IAccessScope access, PostgresCatalogFacts catalog)
    {
        var columnsOf = catalog.ColumnsOf;
        foreach (var (relation, read) in PostgresColumnReads.From(plan, columnsOf))
        {
            var table = relation.Schema == schema ? relation.Name : $"{relation.Schema}.{relation.Name}";
            if (relation.Schema == "pg_catalog" && SecretCatalogs.Contains(relation.Name))
            {
                throw Denied(new AccessDenial(table, "", "postgres.secret_catalog", $"The catalog {table} is never readable through this server."));
            }
            if (relation.Schema is "pg_catalog" or "information_schema")
            {
                if (access.CheckCatalogRead(table) is { } hidden) throw Denied(hidden);
                continue;
            }
            // Without a reader role queries run as the owner, whom row-level security does not bind.
            if (access.RowFilters.ContainsKey(table) && (readerRole is null || !catalog.RowSecured.Contains(relation)))
            {
                throw Denied(new AccessDenial(table, "", "postgres.row_filter",
                    $"Your role reads {table} under a row filter, and the database does not enforce it (row-level security is not set up). Ask the operator to apply `mcpdataenv grants`."));
            }
            var all = columnsOf[relation];
            var columns = new HashSet<string>(read.Qualified, StringComparer.Ordinal);
            columns.UnionWith(read.Bare.Intersect(all));
            if (columns.Remove("*")) columns.UnionWith(all);
            foreach (var column in columns.Count == 0 ? new[] { "" } : columns.Order(StringComparer.Ordinal).ToArray())
            {
                if (access.CheckRead(table, column) is { } denial) throw Denied(denial);
            }
        }
    }

    /// <summary>The <c>access_denied</c> refusal for <paramref name="denial"/>; its message reaches the model.</summary>
    public static DataEnvException Denied(AccessDenial denial) => new(
        ErrorCodes.AccessDenied,
        $"Access denied to {denial.Table}{(denial.Column.Length > 0 ? "." + denial.Column : "")} (rule {denial.Rule}): {denial.Message}",
        new Dictionary<string, object?> { ["table"] = denial.Table, ["column"] = denial.Column, ["rule"] = denial.Rule });
}
