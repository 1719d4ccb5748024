namespace McpDataEnv.Core.Governance;

/// <summary>
/// The machine-readable part of <c>safety_policy.md</c> (its YAML front matter) plus its prose.
/// </summary>
/// <param name="DefaultRole">The least privileged role; used when no role is given.</param>
/// <param name="Prose">The markdown body, for the model.</param>
public sealed record SafetyPolicy(
    string DefaultRole,
    IReadOnlyDictionary<string, RoleDefinition> Roles,
    MemoryContentRules MemoryRules,
    string Prose,
    string RawText)
{
    /// <summary>Shared memory scopes (<c>memory.shared</c>); none unless declared.</summary>
    public MemorySharing SharedMemory { get; init; } = MemorySharing.None;

    public RoleDefinition? FindRole(string name) => Roles.TryGetValue(name, out var r) ? r : null;
}

/// <summary>One role, with inheritance already resolved.</summary>
/// <param name="Tables">Allow-list of readable tables; null means every table not denied.</param>
/// <param name="DenyTables">Tables this role may not read at all.</param>
/// <param name="DenyColumns">Columns as <c>table.column</c> this role may not read.</param>
/// <param name="RowFilters">table → SQL predicate over that table; <c>:attr</c> names bind principal attributes.</param>
/// <param name="Attributes">Principal attributes the role carries (e.g. region: EMEA).</param>
/// <param name="MaxRows">Role-specific row cap, or null for the environment's.</param>
/// <param name="Tools">Allowed tools; null means every enabled tool.</param>
public sealed record RoleDefinition(
    string Name,
    string? Description,
    IReadOnlyList<string>? Tables,
    IReadOnlyList<string> DenyTables,
    IReadOnlyList<string> DenyColumns,
    IReadOnlyDictionary<string, string> RowFilters,
    IReadOnlyDictionary<string, string> Attributes,
    int? MaxRows,
    IReadOnlyList<string>? Tools);

/// <summary>Content rules memory writes must pass (e.g. no e-mail addresses or phone numbers).</summary>
/// <param name="DenyPatterns">Named regular expressions; a value matching any is refused, naming the rule.</param>
public sealed record MemoryContentRules(IReadOnlyDictionary<string, string> DenyPatterns)
{
    public static MemoryContentRules None { get; } = new(new Dictionary<string, string>());
}
