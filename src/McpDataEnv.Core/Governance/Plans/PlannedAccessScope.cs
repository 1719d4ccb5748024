namespace McpDataEnv.Core.Governance.Plans;

/// <summary>
/// The caller's scope narrowed to a plan: a read the plan does not declare is denied by the engine
/// during prepare, like any policy denial, before a row is produced. It never widens the inner scope.
/// </summary>
public sealed class PlannedAccessScope(IAccessScope inner, Plan plan) : IAccessScope
{
    public string Principal => inner.Principal;

    public string Role => inner.Role;

    public IReadOnlyDictionary<string, string> RowFilters => inner.RowFilters;

    public IReadOnlyDictionary<string, string> Attributes => inner.Attributes;

    public Plan Plan => plan;

    public AccessDenial? CheckCatalogRead(string catalog) => inner.CheckCatalogRead(catalog) ?? CheckRead(catalog, string.Empty);

    public AccessDenial? CheckRead(string table, string column) =>
        inner.CheckRead(table, column)
        ?? (plan.Covers(table, column)
            ? null
            : new AccessDenial(table, column, "governance.require_plan.outside_plan",
                $"The plan does not declare {(column.Length > 0 ? $"{table}.{column}" : table)}. Call check_request declaring it, or leave it out."));
}
