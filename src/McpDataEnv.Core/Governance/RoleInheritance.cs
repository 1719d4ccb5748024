using McpDataEnv.Core.Errors;

namespace McpDataEnv.Core.Governance;

/// <summary>Resolves <c>inherits</c> chains into flat <see cref="RoleDefinition"/>s, reporting unknown parents and cycles.</summary>
/// <remarks>
/// A child keeps every inherited deny unless it lifts it explicitly (<c>allow_tables</c>, <c>allow_columns</c>);
/// row filters on the same table are combined with AND, so inheriting never widens rows.
/// </remarks>
internal sealed class RoleInheritance
{
    private readonly IReadOnlyDictionary<string, RoleDraft> drafts;
    private readonly Dictionary<string, RoleDefinition?> resolved = new(StringComparer.OrdinalIgnoreCase);

    private RoleInheritance(IReadOnlyDictionary<string, RoleDraft> drafts) => this.drafts = drafts;

    public static Dictionary<string, RoleDefinition> Resolve(IReadOnlyDictionary<string, RoleDraft> drafts)
    {
        var inheritance = new RoleInheritance(drafts);
        var roles = new Dictionary<string, RoleDefinition>(StringComparer.OrdinalIgnoreCase);
        foreach (var name in drafts.Keys)
        {
            if (inheritance.ResolveRole(name, []) is { } role)
            {
                roles[name] = role;
            }
        }

        return roles;
    }

    private RoleDefinition? ResolveRole(string name, List<string> chain)
    {
        if (resolved.TryGetValue(name, out var done))
        {
            return done;
        }

        var draft = drafts[name];
        RoleDefinition? parent = null;
        if (draft.Inherits is { } parentName)
        {
            if (!drafts.ContainsKey(parentName))
            {
                draft.Section.Error("inherits", $"unknown role '{parentName}'{DidYouMean.Suffix(parentName, drafts.Keys)}");
            }
            else if (chain.Contains(parentName, StringComparer.OrdinalIgnoreCase) || parentName.Equals(name, StringComparison.OrdinalIgnoreCase))
            {
                draft.Section.Error("inherits", $"inheritance cycle {string.Join(" -> ", chain.Append(name).Append(parentName))}");
                resolved[name] = null;
                return null;
            }
            else
            {
                parent = ResolveRole(parentName, [.. chain, name]);
            }
        }

        var role = Merge(parent, draft);
        resolved[name] = role;
        return role;
    }

    private static RoleDefinition Merge(RoleDefinition? parent, RoleDraft draft)
    {
        var denyTables = Lift(parent?.DenyTables, draft.DenyTables, draft.AllowTables, draft, "allow_tables");
        var denyColumns = Lift(parent?.DenyColumns, draft.DenyColumns, draft.AllowColumns, draft, "allow_columns");
        var filters = new Dictionary<string, string>(parent?.RowFilters ?? new Dictionary<string, string>(), StringComparer.OrdinalIgnoreCase);
        foreach (var (table, predicate) in draft.RowFilters)
        {
            filters[table] = filters.TryGetValue(table, out var inherited) ? $"({inherited}) AND ({predicate})" : predicate;
        }

        var attributes = new Dictionary<string, string>(parent?.Attributes ?? new Dictionary<string, string>(), StringComparer.OrdinalIgnoreCase);
        foreach (var (key, value) in draft.Attributes)
        {
            attributes[key] = value;
        }

        return new RoleDefinition(
            draft.Name,
            draft.Description ?? parent?.Description,
            draft.Tables ?? parent?.Tables,
            denyTables,
            denyColumns,
            filters,
            attributes,
            draft.MaxRows ?? parent?.MaxRows,
            draft.Tools ?? parent?.Tools);
    }

    private static List<string> Lift(IReadOnlyList<string>? inherited, IReadOnlyList<string> own, IReadOnlyList<string> lifted, RoleDraft draft, string key)
    {
        var denied = (inherited ?? []).Concat(own).Distinct(StringComparer.OrdinalIgnoreCase).ToList();
        foreach (var name in lifted.Where(l => !denied.Contains(l, StringComparer.OrdinalIgnoreCase)))
        {
            draft.Section.Error(key, $"'{name}' is not denied by this role or the roles it inherits, so there is nothing to lift");
        }

        return denied.Where(d => !lifted.Contains(d, StringComparer.OrdinalIgnoreCase)).ToList();
    }
}
