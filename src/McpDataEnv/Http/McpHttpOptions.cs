namespace McpDataEnv.Http;

/// <summary>Behaviour of the MCP HTTP endpoints (independent of the environment, so test hosts can use them).</summary>
/// <param name="Stateless">No sessions: every POST is served by a fresh server; GET and DELETE answer 405.</param>
/// <param name="SessionIdle">A session unused this long is closed.</param>
/// <param name="MaxSessionsPerPrincipal">Live sessions one principal may hold; one more closes its least recently used idle one.</param>
public sealed record McpHttpOptions(bool Stateless, TimeSpan SessionIdle, int MaxSessionsPerPrincipal = 64)
{
    public static McpHttpOptions Default { get; } = new(false, TimeSpan.FromMinutes(30));
}
