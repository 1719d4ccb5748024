using System.Text.RegularExpressions;
using McpDataEnv.Core.Environments.Yaml;
using McpDataEnv.Core.Environments;
using McpDataEnv.Core.Errors;

namespace McpDataEnv.Core.Governance;

/// <summary>Validates the front matter of <c>safety_policy.md</c> and resolves its roles.</summary>
internal static partial class SafetyPolicyParser
{
    public static SafetyPolicy Parse(YamlSection root, string prose, string rawText)
    {
        root.AllowOnly("default_role", "roles", "memory");
        var drafts = ParseDrafts(root.Section("roles", required: true));
        var roles = RoleInheritance.Resolve(drafts);
        foreach (var (name, role) in roles)
        {
            CheckPlaceholders(drafts[name], role);
        }

        var defaultRole = root.String("default_role", required: true) ?? "";
        if (defaultRole.Length > 0 && !drafts.ContainsKey(defaultRole))
        {
            root.Error("default_role", $"unknown role '{defaultRole}'{DidYouMean.Suffix(defaultRole, drafts.Keys)}");
        }

        var memory = root.Section("memory");
        return new SafetyPolicy(defaultRole, roles, ParseMemoryRules(memory), prose, rawText)
        {
            SharedMemory = SharedMemoryParser.Parse(memory?.Section("shared"), drafts.Keys),
        };
    }

    private static Dictionary<string, RoleDraft> ParseDrafts(YamlSection? roles)
    {
        var drafts = new Dictionary<string, RoleDraft>(StringComparer.OrdinalIgnoreCase);
        if (roles is null)
        {
            return drafts;
        }

        foreach (var (name, value) in roles.Entries())
        {
            if (!RoleName().IsMatch(name))
            {
                roles.Error(name, "role names are lowercase identifiers (letters, digits, '_')");
            }

            if (roles.SectionOf(name, value) is { } section)
            {
                drafts[name] = ParseDraft(name, section);
            }
        }

        if (drafts.Count == 0)
        {
            roles.Errors.Sentence(roles.File, roles.Path, "must define at least one role");
        }

        return drafts;
    }

    private static RoleDraft ParseDraft(string name, YamlSection s)
    {
        s.AllowOnly(
            "description", "inherits", "tables", "deny_tables", "allow_tables", "deny_columns", "allow_columns",
            "row_filters", "attributes", "max_rows", "tools");
        var rowFilters = s.StringMap("row_filters") ?? new Dictionary<string, string>();
        foreach (var table in rowFilters.Keys.Where(t => !SchemaFileParser.IsSqlName(t)))
        {
            s.Error("row_filters", $"'{table}' is not a plain table name");
        }

        return new RoleDraft(
            name,
            s.String("description"),
            s.String("inherits"),
            Tables(s, "tables"),
            Tables(s, "deny_tables") ?? [],
            Columns(s, "deny_columns"),
            Tables(s, "allow_tables") ?? [],
            Columns(s, "allow_columns"),
            rowFilters,
            s.StringMap("attributes") ?? new Dictionary<string, string>(),
            s.Has("max_rows") ? s.Int("max_rows", 0) : null,
            Tools(s),
            s);
    }

    private static IReadOnlyList<string>? Tables(YamlSection s, string key)
    {
        var tables = s.StringList(key);
        foreach (var bad in tables?.Where(t => !SchemaFileParser.IsSqlName(t)) ?? [])
        {
            s.Error(key, $"'{bad}' is not a plain table name");
        }

        return tables;
    }

    private static IReadOnlyList<string> Columns(YamlSection s, string key)
    {
        var columns = s.StringList(key) ?? [];
        foreach (var bad in columns.Where(c => !QualifiedColumn().IsMatch(c)))
        {
            s.Error(key, $"'{bad}' must be written table.column");
        }

        return columns.Where(c => QualifiedColumn().IsMatch(c)).ToList();
    }

    private static IReadOnlyList<string>? Tools(YamlSection s)
    {
        var tools = s.StringList("tools");
        foreach (var bad in tools?.Where(t => !KnownTools.IsKnown(t)) ?? [])
        {
            s.Error("tools", $"unknown tool '{bad}'{DidYouMean.Suffix(bad, KnownTools.All)}");
        }

        return tools;
    }

    private static void CheckPlaceholders(RoleDraft draft, RoleDefinition role)
    {
        foreach (var (table, predicate) in role.RowFilters)
        {
            foreach (var name in RowFilterPlaceholders.Names(predicate).Where(n => !role.Attributes.ContainsKey(n)).Distinct())
            {
                draft.Section.Error($"row_filters.{table}", $":{name} names no attribute of role '{role.Name}'; add attributes: {{ {name}: ... }}");
            }
        }
    }

    private static MemoryContentRules ParseMemoryRules(YamlSection? memory)
    {
        if (memory is null)
        {
            return MemoryContentRules.None;
        }

        memory.AllowOnly("deny_patterns", "shared");
        var patterns = memory.StringMap("deny_patterns") ?? new Dictionary<string, string>();
        foreach (var (name, pattern) in patterns)
        {
            try
            {
                _ = new Regex(pattern, RegexOptions.None, TimeSpan.FromSeconds(1));
            }
            catch (ArgumentException e)
            {
                memory.Error($"deny_patterns.{name}", $"is not a valid regular expression ({e.Message})");
            }
        }

        return new MemoryContentRules(patterns);
    }

    [GeneratedRegex("^[a-z][a-z0-9_]*$")]
    private static partial Regex RoleName();

    [GeneratedRegex("^[A-Za-z_][A-Za-z0-9_]*\\.[A-Za-z_][A-Za-z0-9_]*$")]
    private static partial Regex QualifiedColumn();
}
