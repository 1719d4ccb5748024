namespace McpDataEnv.Core.Governance;

/// <summary>Every table and column a resolved policy names, for cross-checks against a schema.</summary>
internal static class PolicyReferences
{
    /// <returns>(role, key, table, column) tuples, each reference once (under the first role naming it, so inherited ones are not repeated); column is null for table references.</returns>
    public static IEnumerable<(string Role, string Key, string Table, string? Column)> Of(SafetyPolicy policy) =>
        policy.Roles.Values.SelectMany(Of).DistinctBy(r => (r.Item2, r.Item3.ToLowerInvariant(), r.Item4?.ToLowerInvariant()));

    private static IEnumerable<(string, string, string, string?)> Of(RoleDefinition role)
    {
        foreach (var table in role.Tables ?? [])
        {
            yield return (role.Name, "tables", table, null);
        }

        foreach (var table in role.DenyTables)
        {
            yield return (role.Name, "deny_tables", table, null);
        }

        foreach (var column in role.DenyColumns)
        {
            var dot = column.IndexOf('.');
            yield return (role.Name, "deny_columns", column[..dot], column[(dot + 1)..]);
        }

        foreach (var table in role.RowFilters.Keys)
        {
            yield return (role.Name, "row_filters", table, null);
        }
    }
}
