namespace McpDataEnv.Core.Environments;

/// <summary>One caller that may use the HTTP transports (the <c>principals</c> section of <c>environment.yaml</c>).</summary>
/// <param name="Name">The principal's name, as audited.</param>
/// <param name="Role">A role of the safety policy.</param>
/// <param name="Attributes">Values bound into the role's row filters (e.g. region), over the role's own.</param>
/// <param name="KeySha256">Lower-case hex SHA-256 of the API key, or null when <paramref name="KeyEnv"/> names it.</param>
/// <param name="KeyEnv">Name of the environment variable holding the key, or null. Its value is a secret: never log it.</param>
public sealed record PrincipalSettings(
    string Name,
    string Role,
    IReadOnlyDictionary<string, string> Attributes,
    string? KeySha256,
    string? KeyEnv);
