namespace McpDataEnv.Core.Governance;

/// <summary>A named memory scope several roles share, declared under <c>memory.shared</c> in <c>safety_policy.md</c>.</summary>
/// <param name="Name">Lowercase identifier; the model addresses it as <c>shared:&lt;name&gt;</c>.</param>
/// <param name="ReadRoles">Roles that see its blocks and passages (roles that may write it are included).</param>
/// <param name="WriteRoles">Roles that may edit and archive in it.</param>
/// <remarks>Entitlement is by role name only: inheriting a role does not inherit its memory scopes.</remarks>
public sealed record SharedMemoryScope(string Name, string? Description, IReadOnlyList<string> ReadRoles, IReadOnlyList<string> WriteRoles)
{
    public bool MayRead(string role) => ReadRoles.Contains(role, StringComparer.Ordinal) || MayWrite(role);

    public bool MayWrite(string role) => WriteRoles.Contains(role, StringComparer.Ordinal);
}
