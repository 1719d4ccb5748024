using McpDataEnv.Core.Environments;

namespace McpDataEnv.Core.Tests.Environments;

public sealed class HttpSettingsLoaderTests
{
    private const string Base = "name: tiny\ndatabase: { provider: sqlite, path: x.db }\n";
    private const string Hash = "2bb80d537b1da3e38bd30361aa855686bde0eacd7162fef6a25fe97bf527a25b";

    private static EnvironmentLoadResult Load(string yaml)
    {
        using var folder = new EnvironmentFolder(environment: Base + yaml);
        return EnvironmentLoader.Load(folder.Path, _ => null);
    }

    [Fact]
    public void Loader_reads_principals_and_http_settings()
    {
        var result = Load($"principals:\n  alice: {{ role: analyst, key_sha256: {Hash.ToUpperInvariant()}, attributes: {{ region: EMEA }} }}\n  bob: {{ role: analyst, key_env: KEY_BOB }}\n" +
            "http: { anonymous_role: analyst, allowed_origins: ['https://app.example.com'], requests_per_minute: 60, max_sessions_per_principal: 8 }");

        result.Errors.Should().BeEmpty();
        var env = result.Environment!;
        env.Principals.Should().HaveCount(2);
        env.Principals[0].Should().BeEquivalentTo(new { Name = "alice", Role = "analyst", KeySha256 = Hash, KeyEnv = (string?)null });
        env.Principals[0].Attributes["region"].Should().Be("EMEA");
        env.Principals[1].KeyEnv.Should().Be("KEY_BOB");
        env.Http.AnonymousRole.Should().Be("analyst");
        env.Http.AllowedOrigins.Should().Equal("https://app.example.com");
        env.Http.RequestsPerMinute.Should().Be(60);
        env.Http.MaxSessionsPerPrincipal.Should().Be(8);
    }

    [Fact]
    public void Loader_defaults_to_no_principals_and_default_http_settings() =>
        Load("").Environment!.Http.Should().Be(HttpSettings.Defaults);

    [Theory]
    [InlineData("principals:\n  alice: { role: analyst }", "environment.yaml: principals.alice needs exactly one of key_sha256 (hex SHA-256 of the key) or key_env (name of the variable holding the key)")]
    [InlineData("principals:\n  alice: { role: analyst, key_sha256: " + Hash + ", key_env: K }", "environment.yaml: principals.alice needs exactly one of key_sha256 (hex SHA-256 of the key) or key_env (name of the variable holding the key)")]
    [InlineData("principals:\n  alice: { role: analyst, key_sha256: abc }", "environment.yaml: principals.alice.key_sha256 must be 64 hexadecimal characters (e.g. the output of: printf %s \"$KEY\" | sha256sum)")]
    [InlineData("principals:\n  alice: { role: analyst, key_env: 'MY-KEY' }", "environment.yaml: principals.alice.key_env must be an environment variable name (letters, digits, '_')")]
    [InlineData("principals:\n  alice: { key_env: K }", "environment.yaml: principals.alice.role is required")]
    [InlineData("principals:\n  alice: { role: analyst, key_env: K, password: x }", "environment.yaml: principals.alice.password: unknown key; known keys: role, attributes, key_sha256, key_env")]
    [InlineData("principals:\n  alice: { role: analist, key_env: K }", "environment.yaml: principals.alice.role: unknown role 'analist' (did you mean 'analyst'?); roles in safety_policy.md: analyst")]
    [InlineData("principals:\n  'al ice': { role: analyst, key_env: K }", "environment.yaml: principals.al ice: principal names are letters, digits, '.', '-', '_' or '@'")]
    [InlineData("principals:\n  alice: analyst", "environment.yaml: principals.alice must be a mapping of keys to values")]
    [InlineData("http: { anonymous_role: admin }", "environment.yaml: http.anonymous_role: unknown role 'admin'; roles in safety_policy.md: analyst")]
    [InlineData("http: { allowed_origins: ['evil.example'] }", "environment.yaml: http.allowed_origins: 'evil.example' is not an origin; write scheme://host[:port], e.g. https://app.example.com")]
    [InlineData("http: { max_request_bytes: 10 }", "environment.yaml: http.max_request_bytes must be an integer of at least 1024")]
    [InlineData("http: { requests_per_minute: 0 }", "environment.yaml: http.requests_per_minute must be a positive integer")]
    [InlineData("http: { max_sessions_per_principal: 0 }", "environment.yaml: http.max_sessions_per_principal must be a positive integer")]
    [InlineData("http: { anonymous_rol: analyst }", "environment.yaml: http.anonymous_rol: unknown key (did you mean 'anonymous_role'?); known keys: anonymous_role, allowed_origins, allowed_hosts, max_request_bytes, requests_per_minute, session_idle_minutes, max_sessions_per_principal, jwt")]
    public void Loader_reports_each_principal_and_http_problem_with_file_and_key(string yaml, string expected)
    {
        var result = Load(yaml);

        result.Environment.Should().BeNull();
        result.Errors.Select(e => e.ToString()).Should().Contain(expected);
    }
}
