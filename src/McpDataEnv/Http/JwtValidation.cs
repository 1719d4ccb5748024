namespace McpDataEnv.Http;

/// <summary>The outcome of validating a bearer JWT: a caller, an invalid token (401), or a valid token without a role (403).</summary>
public sealed record JwtValidation(JwtValidation.Kind Outcome, string? Principal, string? Role, IReadOnlyDictionary<string, string> Attributes, string? Reason)
{
    public enum Kind
    {
        Caller,
        Invalid,
        NoRole,
    }

    public static JwtValidation Invalid(string reason) => new(Kind.Invalid, null, null, new Dictionary<string, string>(), reason);

    public static JwtValidation NoRole(string reason) => new(Kind.NoRole, null, null, new Dictionary<string, string>(), reason);
}
