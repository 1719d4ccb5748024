namespace McpDataEnv.Core.Governance.Plans;

/// <summary>
/// What a caller declared it will read, approved by <c>check_request</c>: whole tables and single
/// columns (<c>table.column</c>), for one principal and role, until <see cref="ExpiresAt"/>.
/// </summary>
public sealed record Plan(string Principal, string Role, IReadOnlyList<string> Tables, IReadOnlyList<string> Columns, DateTimeOffset ExpiresAt)
{
    /// <summary>True when the plan covers reading <paramref name="column"/> of <paramref name="table"/> (empty column: the table itself).</summary>
    public bool Covers(string table, string column) =>
        Tables.Contains(table, StringComparer.OrdinalIgnoreCase)
        || (column.Length > 0 && Columns.Contains($"{table}.{column}", StringComparer.OrdinalIgnoreCase))
        || (column.Length == 0 && Columns.Any(c => c.StartsWith(table + ".", StringComparison.OrdinalIgnoreCase)));
}
