using McpDataEnv.Core.Environments.Yaml;

namespace McpDataEnv.Core.Environments;

/// <summary>Validates the <c>http</c> section; absent keys keep <see cref="HttpSettings.Defaults"/>.</summary>
internal static class HttpSettingsParser
{
    public static HttpSettings Parse(YamlSection? section, string root)
    {
        var d = HttpSettings.Defaults;
        if (section is null)
        {
            return d;
        }

        section.AllowOnly("anonymous_role", "allowed_origins", "allowed_hosts", "max_request_bytes", "requests_per_minute", "session_idle_minutes", "max_sessions_per_principal", "jwt");
        var origins = section.StringList("allowed_origins") ?? d.AllowedOrigins;
        foreach (var origin in origins.Where(o => !IsOrigin(o)))
        {
            section.Error("allowed_origins", $"'{origin}' is not an origin; write scheme://host[:port], e.g. https://app.example.com");
        }

        return new HttpSettings(
            section.String("anonymous_role"),
            origins,
            section.StringList("allowed_hosts") ?? d.AllowedHosts,
            section.Long("max_request_bytes", d.MaxRequestBytes, min: 1024, rule: "an integer of at least 1024"),
            section.Int("requests_per_minute", d.RequestsPerMinute),
            section.Int("session_idle_minutes", d.SessionIdleMinutes))
        {
            MaxSessionsPerPrincipal = section.Int("max_sessions_per_principal", d.MaxSessionsPerPrincipal),
            Jwt = JwtSettingsParser.Parse(section.Section("jwt"), root),
        };
    }

    private static bool IsOrigin(string text) =>
        Uri.TryCreate(text, UriKind.Absolute, out var uri)
        && (uri.Scheme == Uri.UriSchemeHttp || uri.Scheme == Uri.UriSchemeHttps)
        && uri.AbsolutePath == "/" && !text.EndsWith('/');
}
