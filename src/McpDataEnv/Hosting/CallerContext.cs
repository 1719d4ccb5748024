using McpDataEnv.Core.Governance;

namespace McpDataEnv.Hosting;

/// <summary>The resolved caller of one tool call: principal, role definition and its access scope.</summary>
public sealed record CallerContext(Principal Principal, RoleDefinition Role, IAccessScope Access)
{
    /// <summary>True when the role's tool allow-list (if any) includes the tool.</summary>
    public bool MayUse(string tool) => Role.Tools is null || Role.Tools.Contains(tool, StringComparer.Ordinal);
}
