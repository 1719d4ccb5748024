using McpDataEnv.Core.Environments.Yaml;

namespace McpDataEnv.Core.Governance;

/// <summary>One role as written in the policy front matter, before inheritance is resolved.</summary>
/// <param name="AllowTables">Lifts inherited <c>deny_tables</c>.</param>
/// <param name="AllowColumns">Lifts inherited <c>deny_columns</c>.</param>
internal sealed record RoleDraft(
    string Name,
    string? Description,
    string? Inherits,
    IReadOnlyList<string>? Tables,
    IReadOnlyList<string> DenyTables,
    IReadOnlyList<string> DenyColumns,
    IReadOnlyList<string> AllowTables,
    IReadOnlyList<string> AllowColumns,
    IReadOnlyDictionary<string, string> RowFilters,
    IReadOnlyDictionary<string, string> Attributes,
    int? MaxRows,
    IReadOnlyList<string>? Tools,
    YamlSection Section);
