namespace McpDataEnv.Http;

/// <summary>
/// What <see cref="BearerKeyAuthentication"/> checks against: the keys, the loopback-only anonymous role (or null),
/// and the JWT validator (or null: API keys only).
/// </summary>
public sealed record BearerKeySettings(ApiKeyDirectory Keys, string? AnonymousRole, JwtBearerValidator? Jwt = null);
