namespace McpDataEnv.Core.Governance;

/// <summary>
/// Who is calling: a name, a role from the safety policy and attributes (e.g. region).
/// </summary>
/// <remarks>
/// Comes from the connection (stdio: <c>serve --role</c>; HTTP: the credential), never from a
/// tool argument, so a model cannot talk its way into another role.
/// </remarks>
public sealed record Principal(string Name, string Role)
{
    public override string ToString() => $"{Name} ({Role})";
}
