using System.Security.Cryptography;
using System.Text;
using McpDataEnv.Core.Environments;
using McpDataEnv.Core.Errors;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace McpDataEnv.Http;

/// <summary>
/// Validates bearer JWTs offline against the <c>http.jwt</c> settings: signature (only the algorithms of the configured
/// key kind, so an HMAC token can never pass as an RSA one), issuer, audience, lifetime (<c>exp</c> required); then maps
/// the role claim to a policy role and copies the attribute claims. Nothing is fetched from the network.
/// </summary>
public sealed class JwtBearerValidator
{
    private static readonly string[] HmacAlgorithms = [SecurityAlgorithms.HmacSha256, SecurityAlgorithms.HmacSha384, SecurityAlgorithms.HmacSha512];

    private static readonly string[] PublicKeyAlgorithms =
    [
        SecurityAlgorithms.RsaSha256, SecurityAlgorithms.RsaSha384, SecurityAlgorithms.RsaSha512,
        SecurityAlgorithms.RsaSsaPssSha256, SecurityAlgorithms.RsaSsaPssSha384, SecurityAlgorithms.RsaSsaPssSha512,
        SecurityAlgorithms.EcdsaSha256, SecurityAlgorithms.EcdsaSha384, SecurityAlgorithms.EcdsaSha512,
    ];

    private readonly JwtSettings _settings;
    private readonly TokenValidationParameters _parameters;
    private readonly JsonWebTokenHandler _handler = new();

    private JwtBearerValidator(JwtSettings settings, TokenValidationParameters parameters)
    {
        _settings = settings;
        _parameters = parameters;
    }

    /// <summary>Resolves the key; an unset or short secret, or an unreadable key file, is a start-up error naming file and key.</summary>
    public static JwtBearerValidator Create(JwtSettings settings, Func<string, string?>? variables = null)
    {
        var (keys, algorithms) = settings.SigningKeyEnv is { } variable
            ? ([Symmetric(variable, variables ?? Environment.GetEnvironmentVariable)], HmacAlgorithms)
            : (PublicKeys(settings.PublicKeyFile!), PublicKeyAlgorithms);
        var parameters = new TokenValidationParameters
        {
            ValidIssuer = settings.Issuer,
            ValidAudience = settings.Audience,
            IssuerSigningKeys = keys,
            ValidAlgorithms = algorithms,
            RequireExpirationTime = true,
            RequireSignedTokens = true,
            ValidateIssuer = true,
            ValidateAudience = true,
            ValidateLifetime = true,
            ValidateIssuerSigningKey = true,
            ClockSkew = TimeSpan.FromSeconds(settings.ClockSkewSeconds),
        };
        return new JwtBearerValidator(settings, parameters);
    }

    /// <summary>True for the JWS compact form (three dot-separated parts); API keys never contain dots.</summary>
    public static bool LooksLikeJwt(string token) => token.Count(c => c == '.') == 2 && token.StartsWith("eyJ", StringComparison.Ordinal);

    public async Task<JwtValidation> ValidateAsync(string token)
    {
        var result = await _handler.ValidateTokenAsync(token, _parameters).ConfigureAwait(false);
        if (!result.IsValid)
        {
            return JwtValidation.Invalid(Describe(result.Exception));
        }

        var claims = result.ClaimsIdentity.Claims.ToList();
        var principal = claims.FirstOrDefault(c => c.Type == _settings.PrincipalClaim)?.Value;
        if (string.IsNullOrWhiteSpace(principal))
        {
            return JwtValidation.Invalid($"the token has no '{_settings.PrincipalClaim}' claim");
        }

        var held = claims.Where(c => c.Type == _settings.RoleClaim).Select(c => c.Value).ToHashSet(StringComparer.Ordinal);
        var role = _settings.Roles.FirstOrDefault(r => held.Contains(r.Key)).Value;
        if (role is null)
        {
            return JwtValidation.NoRole($"no value of the '{_settings.RoleClaim}' claim maps to a role of this environment");
        }

        var attributes = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        foreach (var name in _settings.AttributeClaims)
        {
            if (claims.FirstOrDefault(c => c.Type == name)?.Value is { Length: > 0 } value)
            {
                attributes[name] = value;
            }
        }

        return new JwtValidation(JwtValidation.Kind.Caller, principal, role, attributes, null);
    }

    // Short, fixed reasons: the library's messages can quote token contents.
    private static string Describe(Exception? error) => error switch
    {
        SecurityTokenExpiredException => "the token has expired",
        SecurityTokenNotYetValidException => "the token is not valid yet",
        SecurityTokenInvalidAudienceException => "the token is for another audience",
        SecurityTokenInvalidIssuerException => "the token is from another issuer",
        SecurityTokenNoExpirationException => "the token has no expiry",
        SecurityTokenSignatureKeyNotFoundException or SecurityTokenInvalidSignatureException => "the token's signature does not verify",
        SecurityTokenInvalidAlgorithmException => "the token's signing algorithm is not accepted",
        _ => "the token is not valid",
    };

    private static SecurityKey Symmetric(string variable, Func<string, string?> lookup)
    {
        var secret = lookup(variable);
        if (string.IsNullOrEmpty(secret))
        {
            throw new DataEnvException(ErrorCodes.InvalidArgument,
                $"environment.yaml: http.jwt.signing_key_env: environment variable {variable} is not set; set it to the HMAC secret before serving over HTTP.");
        }

        var bytes = Encoding.UTF8.GetBytes(secret);
        if (bytes.Length < 32)
        {
            throw new DataEnvException(ErrorCodes.InvalidArgument,
                $"environment.yaml: http.jwt.signing_key_env: the secret in {variable} is {bytes.Length} bytes; HS256 needs at least 32.");
        }

        return new SymmetricSecurityKey(bytes);
    }

    private static IReadOnlyList<SecurityKey> PublicKeys(string path)
    {
        const string key = "environment.yaml: http.jwt.public_key_file";
        string text;
        try
        {
            text = File.ReadAllText(path);
        }
        catch (Exception error) when (error is IOException or UnauthorizedAccessException)
        {
            throw new DataEnvException(ErrorCodes.InvalidArgument, $"{key}: the file cannot be read.");
        }

        try
        {
            if (text.TrimStart().StartsWith('{'))
            {
                var set = new JsonWebKeySet(text);
                var keys = set.GetSigningKeys();
                return keys.Count > 0 ? [.. keys] : throw new DataEnvException(ErrorCodes.InvalidArgument, $"{key}: the JWKS holds no signing key.");
            }

            if (text.Contains("PRIVATE KEY", StringComparison.Ordinal))
            {
                throw new DataEnvException(ErrorCodes.InvalidArgument, $"{key}: the file holds a private key; give the server only the public key.");
            }

            if (text.Contains("BEGIN PUBLIC KEY", StringComparison.Ordinal) || text.Contains("BEGIN RSA PUBLIC KEY", StringComparison.Ordinal))
            {
                try
                {
                    var rsa = RSA.Create();
                    rsa.ImportFromPem(text);
                    return [new RsaSecurityKey(rsa)];
                }
                catch (CryptographicException)
                {
                    var ec = ECDsa.Create();
                    ec.ImportFromPem(text);
                    return [new ECDsaSecurityKey(ec)];
                }
            }
        }
        catch (Exception error) when (error is ArgumentException or CryptographicException or System.Text.Json.JsonException)
        {
            throw new DataEnvException(ErrorCodes.InvalidArgument, $"{key}: not a valid PEM public key or JWKS.");
        }

        throw new DataEnvException(ErrorCodes.InvalidArgument, $"{key}: expected a PEM public key (-----BEGIN PUBLIC KEY-----) or a JWKS JSON document.");
    }
}
