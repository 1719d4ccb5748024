using McpDataEnv.Core.Governance;

namespace McpDataEnv.Core.Backends.Postgres;

/// <summary>
/// The whole admin script for a PostgreSQL environment (printed by <c>mcpdataenv grants</c>, applied by
/// <c>seed</c>): the reader role with SELECT on what at least one policy role may read (column grants where
/// a column is denied to every role), one row-level security policy per filtered table, and the append-only audit
/// table with its writer role (<see cref="Governance.Audit.Postgres.PostgresAuditSchema"/>). The policy
/// reads the caller's role and attributes from transaction-local settings the server sets
/// (<see cref="RoleSetting"/>, <see cref="AttributeSetting"/>); roles without a filter on the table see
/// every row, an unknown or missing role sees none.
/// </summary>
/// <remarks>Row-level security binds the reader role (not the table owner): queries must run with a reader role.</remarks>
public static class PostgresAdminScript
{
    public const string PolicyName = "mcpdataenv_rows";
    public const string RoleSetting = "mcpdataenv.role";

    public static string AttributeSetting(string name) => $"mcpdataenv.attr.{name.ToLowerInvariant()}";

    public static string Generate(string schema, string readerRole, SafetyPolicy policy, LiveSchema live) =>
        "BEGIN;\n" + string.Concat(Statements(schema, readerRole, policy, live).Select(x => x + ";\n")) + "COMMIT;\n";

    /// <summary>The script as separate statements, to run in one transaction.</summary>
    public static IReadOnlyList<string> Statements(string schema, string readerRole, SafetyPolicy policy, LiveSchema live)
    {
        var scopes = policy.Roles.Keys.Select(r => PolicyAccessScope.ForRole(policy, r, "admin")).ToList();
        var grants = new Dictionary<string, IReadOnlyList<string>?>(StringComparer.Ordinal);
        foreach (var table in live.Tables)
        {
            var readable = table.Columns.Select(c => c.Name).Where(c => scopes.Any(s => s.CheckRead(table.Name, c) is null)).ToList();
            if (readable.Count > 0)
            {
                grants[table.Name] = readable.Count == table.Columns.Count ? null : readable;
            }
        }

        var sql = new List<string>(PostgresGrantScript.Statements(schema, readerRole, grants));
        // Policy predicates name tables unqualified: resolve them in the environment's schema (stored as OIDs).
        sql.Add($"SELECT pg_catalog.set_config('search_path', {Literal(PostgresIdentifier.Quote(schema) + ", pg_catalog")}, true)");
        foreach (var table in live.Tables)
        {
            var target = $"{PostgresIdentifier.Quote(schema)}.{PostgresIdentifier.Quote(table.Name)}";
            sql.Add($"DROP POLICY IF EXISTS {PolicyName} ON {target}");
            var filtered = policy.Roles.Values.Where(r => r.RowFilters.Keys.Contains(table.Name, StringComparer.OrdinalIgnoreCase)).ToList();
            if (filtered.Count == 0)
            {
                continue;
            }

            var cases = policy.Roles.Values.OrderBy(r => r.Name, StringComparer.Ordinal).Select(r =>
                $"WHEN {Literal(r.Name)} THEN {(filtered.Contains(r) ? $"({Bind(r.RowFilters.First(f => f.Key.Equals(table.Name, StringComparison.OrdinalIgnoreCase)).Value)})" : "true")}");
            sql.Add($"ALTER TABLE {target} ENABLE ROW LEVEL SECURITY");
            sql.Add($"CREATE POLICY {PolicyName} ON {target} AS PERMISSIVE FOR SELECT TO {PostgresIdentifier.Quote(readerRole)} " +
                    $"USING (CASE pg_catalog.current_setting({Literal(RoleSetting)}, true) {string.Join(" ", cases)} ELSE false END)");
        }

        // The audit table and its append-only writer role (the reader role gets nothing on it).
        sql.AddRange(Governance.Audit.Postgres.PostgresAuditSchema.Statements);
        return sql;
    }

    private static string Bind(string predicate) =>
        RowFilterPlaceholders.Replace(predicate, name => $"pg_catalog.current_setting({Literal(AttributeSetting(name))}, true)");

    private static string Literal(string value) => "'" + value.Replace("'", "''") + "'";
}
