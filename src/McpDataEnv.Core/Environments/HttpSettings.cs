namespace McpDataEnv.Core.Environments;

/// <summary>How the environment is served over HTTP (the <c>http</c> section of <c>environment.yaml</c>).</summary>
/// <param name="AnonymousRole">Role for requests without credentials on a loopback binding, or null (credentials required).</param>
/// <param name="AllowedOrigins">Browser origins allowed besides loopback ones (DNS-rebinding protection).</param>
/// <param name="AllowedHosts">Host header values allowed besides loopback names (set it when serving behind a load balancer).</param>
/// <param name="MaxRequestBytes">Largest accepted request body.</param>
/// <param name="RequestsPerMinute">Per-principal request budget; above it the server answers 429 with Retry-After.</param>
/// <param name="SessionIdleMinutes">A stateful session unused this long is closed.</param>
public sealed record HttpSettings(
    string? AnonymousRole,
    IReadOnlyList<string> AllowedOrigins,
    IReadOnlyList<string> AllowedHosts,
    long MaxRequestBytes,
    int RequestsPerMinute,
    int SessionIdleMinutes)
{
    public static HttpSettings Defaults { get; } = new(null, [], [], 1024 * 1024, 600, 30);

    /// <summary>
    /// Live stateful sessions one principal may hold; opening one more closes that principal's least recently used
    /// idle session (its client gets 404 and initializes again, as after an idle expiry). Clients rarely DELETE their
    /// sessions, so without a cap a principal could hold thousands until they idle out.
    /// </summary>
    public int MaxSessionsPerPrincipal { get; init; } = 64;

    /// <summary>JWT bearer validation beside API keys, or null (API keys only).</summary>
    public JwtSettings? Jwt { get; init; }
}
