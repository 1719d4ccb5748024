namespace McpDataEnv.Http;

/// <summary>What <see cref="BearerKeyAuthentication"/> checks against: the keys, and the loopback-only anonymous role (or null).</summary>
public sealed record BearerKeySettings(ApiKeyDirectory Keys, string? AnonymousRole);
