using McpDataEnv.Core.Environments;

namespace McpDataEnv.Http;

/// <summary>How <c>serve --transport http</c> listens and whom it lets in.</summary>
/// <param name="Urls">Kestrel URLs, e.g. <c>http://127.0.0.1:5100</c>.</param>
/// <param name="Stateless">No server-side session: any replica can answer any request.</param>
/// <param name="AnonymousRole">Role for credential-less requests on a loopback binding (overrides <c>http.anonymous_role</c>).</param>
/// <param name="Settings">The environment's <c>http</c> section.</param>
public sealed record HttpServeOptions(IReadOnlyList<string> Urls, bool Stateless, string? AnonymousRole, HttpSettings Settings)
{
    public static HttpServeOptions Local(int port, bool stateless = false) =>
        new([$"http://127.0.0.1:{port}"], stateless, null, HttpSettings.Defaults);
}
