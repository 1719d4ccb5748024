using System.Security.Claims;
using System.Text;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace McpDataEnv.Tests.Support;

/// <summary>A seeded retail copy with the HTTP test principals and <c>http.jwt</c> (HS256, secret from a variable); mints tokens.</summary>
public sealed class JwtEnvironment : IAsyncLifetime
{
    public const string Issuer = "https://idp.test";
    public const string Audience = "mcpdataenv-tests";

    private readonly SeededEnvironment _seeded = new();

    public string Folder => _seeded.Folder;

    public async Task InitializeAsync()
    {
        await _seeded.InitializeAsync();
        await File.AppendAllTextAsync(Path.Combine(Folder, "environment.yaml"), HttpTestServer.Principals + $$"""

            http:
              jwt:
                issuer: {{Issuer}}
                audience: {{Audience}}
                signing_key_env: {{HttpTestServer.JwtSecretVariable}}
                role_claim: groups
                roles: { finance-team: finance, data-team: analyst }
                attribute_claims: [region]
            """);
    }

    public Task DisposeAsync() => _seeded.DisposeAsync();

    /// <summary>An HS256 token for <paramref name="subject"/> in <paramref name="group"/>, valid for a minute unless told otherwise.</summary>
    public static string Token(string subject, string group, string audience = Audience, TimeSpan? lifetime = null, string secret = HttpTestServer.JwtSecret)
    {
        var now = DateTime.UtcNow;
        var expires = now + (lifetime ?? TimeSpan.FromMinutes(1));
        return new JsonWebTokenHandler().CreateToken(new SecurityTokenDescriptor
        {
            Issuer = Issuer,
            Audience = audience,
            Subject = new ClaimsIdentity([new Claim("sub", subject), new Claim("groups", group)]),
            IssuedAt = expires < now ? expires.AddMinutes(-5) : now,
            NotBefore = expires < now ? expires.AddMinutes(-5) : now,
            Expires = expires,
            SigningCredentials = new SigningCredentials(new SymmetricSecurityKey(Encoding.UTF8.GetBytes(secret)), SecurityAlgorithms.HmacSha256),
        });
    }
}
