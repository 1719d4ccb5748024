namespace McpDataEnv.Core.Environments;

/// <summary>
/// JWT bearer validation for HTTP callers (the <c>http.jwt</c> section of <c>environment.yaml</c>). Validation is
/// offline: the key is a symmetric secret from an environment variable, or a local PEM / JWKS public key file.
/// </summary>
/// <param name="Issuer">The required <c>iss</c>.</param>
/// <param name="Audience">The required <c>aud</c>.</param>
/// <param name="SigningKeyEnv">Environment variable holding an HMAC (HS256/384/512) secret of at least 32 bytes, or null.</param>
/// <param name="PublicKeyFile">Absolute path of a PEM (RSA or EC public key) or JWKS file, or null.</param>
/// <param name="RoleClaim">Claim whose value(s) map to a role.</param>
/// <param name="Roles">Claim value to policy role, in file order; the first entry the token carries decides.</param>
/// <param name="PrincipalClaim">Claim naming the principal (audit trail, session owner).</param>
/// <param name="AttributeClaims">Claims copied to the caller's attributes (bound into row filters), e.g. <c>region</c>.</param>
/// <param name="ClockSkewSeconds">Tolerance on <c>exp</c>/<c>nbf</c>.</param>
public sealed record JwtSettings(
    string Issuer,
    string Audience,
    string? SigningKeyEnv,
    string? PublicKeyFile,
    string RoleClaim,
    IReadOnlyList<KeyValuePair<string, string>> Roles,
    string PrincipalClaim,
    IReadOnlyList<string> AttributeClaims,
    int ClockSkewSeconds);
