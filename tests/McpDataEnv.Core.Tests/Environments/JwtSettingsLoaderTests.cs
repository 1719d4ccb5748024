using McpDataEnv.Core.Environments;

namespace McpDataEnv.Core.Tests.Environments;

public sealed class JwtSettingsLoaderTests
{
    private const string Base = "name: tiny\ndatabase: { provider: sqlite, path: x.db }\n";

    private static EnvironmentLoadResult Load(string yaml, Action<string>? prepare = null)
    {
        using var folder = new EnvironmentFolder(environment: Base + yaml);
        prepare?.Invoke(folder.Path);
        return EnvironmentLoader.Load(folder.Path, _ => null);
    }

    [Fact]
    public void Loader_reads_the_jwt_section_with_its_defaults()
    {
        var result = Load("http:\n  jwt:\n    issuer: https://idp.example\n    audience: mcpdataenv\n    signing_key_env: JWT_SECRET\n" +
            "    roles: { data-team: analyst }\n    attribute_claims: [region]\n");

        result.Errors.Should().BeEmpty();
        var jwt = result.Environment!.Http.Jwt!;
        jwt.Should().BeEquivalentTo(new
        {
            Issuer = "https://idp.example", Audience = "mcpdataenv", SigningKeyEnv = "JWT_SECRET", PublicKeyFile = (string?)null,
            RoleClaim = "role", PrincipalClaim = "sub", ClockSkewSeconds = 30,
        });
        jwt.Roles.Select(r => (r.Key, r.Value)).Should().Equal(("data-team", "analyst"));
        jwt.AttributeClaims.Should().Equal("region");
    }

    [Fact]
    public void A_public_key_file_is_resolved_against_the_environment_folder()
    {
        var result = Load("http:\n  jwt: { issuer: i, audience: a, public_key_file: keys/idp.pem, roles: { x: analyst } }\n",
            folder =>
            {
                Directory.CreateDirectory(Path.Combine(folder, "keys"));
                File.WriteAllText(Path.Combine(folder, "keys", "idp.pem"), "-----BEGIN PUBLIC KEY-----");
            });

        result.Errors.Should().BeEmpty();
        Path.IsPathFullyQualified(result.Environment!.Http.Jwt!.PublicKeyFile!).Should().BeTrue();
        result.Environment.Http.Jwt.PublicKeyFile.Should().EndWith(Path.Combine("keys", "idp.pem"));
    }

    private const string Jwt = "http:\n  jwt: { issuer: i, audience: a, ";

    [Theory]
    [InlineData(Jwt + "signing_key_env: K }", "environment.yaml: http.jwt.roles is required")]
    [InlineData("http:\n  jwt: { audience: a, signing_key_env: K, roles: { x: analyst } }", "environment.yaml: http.jwt.issuer is required")]
    [InlineData("http:\n  jwt: { issuer: i, signing_key_env: K, roles: { x: analyst } }", "environment.yaml: http.jwt.audience is required")]
    [InlineData(Jwt + "roles: { x: analyst } }", "environment.yaml: http.jwt needs exactly one of signing_key_env (variable holding an HS256 secret) or public_key_file (PEM or JWKS file with the issuer's public key)")]
    [InlineData(Jwt + "signing_key_env: K, public_key_file: k.pem, roles: { x: analyst } }", "environment.yaml: http.jwt needs exactly one of signing_key_env (variable holding an HS256 secret) or public_key_file (PEM or JWKS file with the issuer's public key)")]
    [InlineData(Jwt + "signing_key_env: 'MY-SECRET', roles: { x: analyst } }", "environment.yaml: http.jwt.signing_key_env must be an environment variable name (letters, digits, '_')")]
    [InlineData(Jwt + "public_key_file: missing.pem, roles: { x: analyst } }", "environment.yaml: http.jwt.public_key_file: file 'missing.pem' not found (relative to the environment folder)")]
    [InlineData(Jwt + "signing_key_env: K, roles: { x: analist } }", "environment.yaml: http.jwt.roles.x: unknown role 'analist' (did you mean 'analyst'?); roles in safety_policy.md: analyst")]
    [InlineData(Jwt + "signing_key_env: K, roles: {} }", "environment.yaml: http.jwt.roles: map at least one claim value to a role, e.g. { finance-team: finance }")]
    [InlineData(Jwt + "signing_key_env: K, roles: { x: analyst }, clock_skew_seconds: -1 }", "environment.yaml: http.jwt.clock_skew_seconds must be a non-negative integer")]
    [InlineData(Jwt + "signing_key_env: K, roles: { x: analyst }, secret: s }", "environment.yaml: http.jwt.secret: unknown key; known keys: issuer, audience, signing_key_env, public_key_file, role_claim, roles, principal_claim, attribute_claims, clock_skew_seconds")]
    public void Loader_reports_each_jwt_problem_with_file_and_key(string yaml, string expected)
    {
        var result = Load(yaml);

        result.Environment.Should().BeNull();
        result.Errors.Select(e => e.ToString()).Should().Contain(expected);
    }
}
