namespace McpDataEnv.Core.Governance;

/// <summary>SQL string literals for values bound into policy predicates.</summary>
internal static class SqlLiteral
{
    /// <summary>Single-quotes <paramref name="value"/>, doubling embedded quotes (valid on SQLite and PostgreSQL).</summary>
    /// <remarks>NUL cannot appear in a SQL literal; it is dropped rather than truncating the predicate.</remarks>
    public static string Quote(string value) => "'" + value.Replace("\0", "").Replace("'", "''") + "'";
}
