using System.Text;
using McpDataEnv.Core.Governance;

namespace McpDataEnv.Core.Backends.Sqlite;

/// <summary>
/// A role's row filters on SQLite: one TEMP view per filtered table, named like the table, so every
/// unqualified reference (joins, CTEs, subqueries, window functions, a script's <c>sql()</c>) reads the
/// filtered rows. The engine, not string rewriting, applies the predicate; the <see cref="SqliteAuthorizer"/>
/// refuses reads of the base table that do not come through its view.
/// </summary>
/// <remarks>
/// TEMP objects shadow <c>main</c> ones for unqualified names. Connections are pooled per filter set
/// (<see cref="Key"/>), so a connection built for one role never serves another.
/// </remarks>
internal sealed class SqliteShadowViews
{
    public static readonly SqliteShadowViews None = new(new Dictionary<string, string>());

    private readonly SortedDictionary<string, string> _filters;

    private SqliteShadowViews(IReadOnlyDictionary<string, string> filters)
    {
        _filters = new SortedDictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        foreach (var (table, predicate) in filters)
        {
            _filters[table] = predicate;
        }

        Tables = new HashSet<string>(_filters.Keys, StringComparer.OrdinalIgnoreCase);
        Key = string.Join("\n", _filters.Select(f => $"{f.Key.ToLowerInvariant()}\t{f.Value}"));
    }

    /// <summary>Identifies the filter set; equal keys mean interchangeable connections.</summary>
    public string Key { get; }

    /// <summary>Tables whose rows are filtered (each shadowed by a TEMP view of the same name).</summary>
    public IReadOnlySet<string> Tables { get; }

    public static SqliteShadowViews For(IAccessScope scope) =>
        scope.RowFilters.Count == 0 ? None : new SqliteShadowViews(scope.RowFilters);

    /// <summary>The DDL that creates the views; run before the connection is made query-only.</summary>
    public string CreateScript()
    {
        var sql = new StringBuilder();
        foreach (var (table, predicate) in _filters)
        {
            var name = Quote(table);
            sql.Append("CREATE TEMP VIEW ").Append(name).Append(" AS SELECT * FROM main.").Append(name)
               .Append(" WHERE (").Append(predicate).Append(");\n");
        }

        return sql.ToString();
    }

    private static string Quote(string identifier) => "\"" + identifier.Replace("\"", "\"\"") + "\"";
}
