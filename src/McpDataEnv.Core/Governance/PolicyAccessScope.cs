using McpDataEnv.Core.Environments;
using McpDataEnv.Core.Errors;

namespace McpDataEnv.Core.Governance;

/// <summary>A principal's read rights under one role of the safety policy.</summary>
/// <remarks>Denial messages reach the model: they name the table, column and role, and say what to do instead.</remarks>
public sealed class PolicyAccessScope : IAccessScope
{
    private readonly RoleDefinition role;
    private readonly SchemaAnnotations schema;
    private readonly HashSet<string> denyTables;
    private readonly HashSet<string> denyColumns;
    private readonly HashSet<string>? allowedTables;

    public PolicyAccessScope(RoleDefinition role, string principal, SchemaAnnotations? schema = null)
    {
        this.role = role;
        this.schema = schema ?? SchemaAnnotations.Empty;
        Principal = principal;
        denyTables = new HashSet<string>(role.DenyTables, StringComparer.OrdinalIgnoreCase);
        denyColumns = new HashSet<string>(role.DenyColumns, StringComparer.OrdinalIgnoreCase);
        allowedTables = role.Tables is null ? null : new HashSet<string>(role.Tables, StringComparer.OrdinalIgnoreCase);
        RowFilters = role.RowFilters.ToDictionary(
            f => f.Key,
            f => RowFilterPlaceholders.Bind(f.Value, role.Attributes),
            StringComparer.OrdinalIgnoreCase);
    }

    public string Principal { get; }

    public string Role => role.Name;

    /// <summary>The role's row cap, or null for the environment's.</summary>
    public int? MaxRows => role.MaxRows;

    public IReadOnlyDictionary<string, string> RowFilters { get; }

    public IReadOnlyDictionary<string, string> Attributes => role.Attributes;

    /// <summary>The scope for <paramref name="roleName"/>; an unknown role is an <see cref="ErrorCodes.InvalidArgument"/> error.</summary>
    public static PolicyAccessScope ForRole(SafetyPolicy policy, string roleName, string principal, SchemaAnnotations? schema = null)
    {
        var role = policy.Roles.FirstOrDefault(r => string.Equals(r.Key, roleName, StringComparison.OrdinalIgnoreCase)).Value;
        return role is not null
            ? new PolicyAccessScope(role, principal, schema)
            : throw new DataEnvException(
                ErrorCodes.InvalidArgument,
                $"Unknown role '{roleName}'. Known roles: {string.Join(", ", policy.Roles.Keys.Order(StringComparer.Ordinal))}.",
                new Dictionary<string, object?> { ["role"] = roleName });
    }

    /// <summary>True when the role may use <paramref name="tool"/> (roles without a tools list may use every enabled tool).</summary>
    public bool AllowsTool(string tool) => role.Tools is null || role.Tools.Contains(tool, StringComparer.Ordinal);

    public AccessDenial? CheckRead(string table, string column)
    {
        if (allowedTables is not null && !allowedTables.Contains(table))
        {
            return Deny(table, column, "tables",
                $"Table {table} is outside what role '{Role}' may read ({string.Join(", ", allowedTables.Order(StringComparer.Ordinal))}). Query only those tables.");
        }

        if (denyTables.Contains(table))
        {
            return Deny(table, column, "deny_tables", $"Table {table} is not readable by role '{Role}'. Leave it out of the query.");
        }

        if (column.Length > 0 && denyColumns.Contains($"{table}.{column}"))
        {
            return Deny(table, column, "deny_columns",
                $"{table}.{column} is {Sensitivity(table, column)}not readable by role '{Role}'. Leave it out, or aggregate without it.");
        }

        return null;
    }

    /// <summary>
    /// A role that the policy restricts in any way (denied or allow-listed tables, denied columns, row filters) may not
    /// read the engine's catalog, which names every table and column, the denied ones included, and holds the row
    /// filters' definitions. <c>describe_schema</c> answers the same questions within the role's rights.
    /// </summary>
    public AccessDenial? CheckCatalogRead(string catalog) =>
        IsRestricted
            ? Deny(catalog, string.Empty, "catalog",
                $"The database catalog {catalog} describes tables and columns that role '{Role}' may not read. " +
                "Call describe_schema instead: it lists every table and column this role may query.")
            : null;

    private bool IsRestricted => allowedTables is not null || denyTables.Count > 0 || denyColumns.Count > 0 || RowFilters.Count > 0;

    private AccessDenial Deny(string table, string column, string rule, string message) =>
        new(table, column, $"{Role}.{rule}", message);

    private string Sensitivity(string table, string column)
    {
        var tags = schema.Find(table)?.Find(column)?.Tags ?? [];
        return tags.Contains("pii") ? "PII and " : tags.Contains("confidential") ? "confidential and " : "";
    }
}
