using System.Text.RegularExpressions;
using McpDataEnv.Core.Environments.Yaml;
using YamlDotNet.RepresentationModel;

namespace McpDataEnv.Core.Environments;

/// <summary>Validates <c>http.jwt</c>; every problem is reported with file and key.</summary>
internal static partial class JwtSettingsParser
{
    public static JwtSettings? Parse(YamlSection? section, string root)
    {
        if (section is null)
        {
            return null;
        }

        section.AllowOnly("issuer", "audience", "signing_key_env", "public_key_file", "role_claim", "roles", "principal_claim", "attribute_claims", "clock_skew_seconds");
        var issuer = section.String("issuer", required: true);
        var audience = section.String("audience", required: true);
        var keyEnv = section.String("signing_key_env");
        var keyFile = section.String("public_key_file");
        if ((keyEnv is null) == (keyFile is null))
        {
            section.Errors.Sentence(section.File, section.Path,
                "needs exactly one of signing_key_env (variable holding an HS256 secret) or public_key_file (PEM or JWKS file with the issuer's public key)");
        }

        if (keyEnv is not null && !VariableName().IsMatch(keyEnv))
        {
            section.Sentence("signing_key_env", "must be an environment variable name (letters, digits, '_')");
        }

        string? keyPath = null;
        if (keyFile is not null)
        {
            keyPath = Path.GetFullPath(Path.Combine(root, keyFile));
            if (!File.Exists(keyPath))
            {
                section.Error("public_key_file", $"file '{keyFile}' not found (relative to the environment folder)");
            }
        }

        var roles = Roles(section);
        var attributes = section.StringList("attribute_claims") ?? [];
        return new JwtSettings(
            issuer ?? "",
            audience ?? "",
            keyEnv,
            keyPath,
            section.String("role_claim") ?? "role",
            roles,
            section.String("principal_claim") ?? "sub",
            attributes,
            section.Int("clock_skew_seconds", 30, min: 0, rule: "a non-negative integer"));
    }

    private static List<KeyValuePair<string, string>> Roles(YamlSection section)
    {
        var map = section.Section("roles", required: true);
        var roles = new List<KeyValuePair<string, string>>();
        if (map is null)
        {
            return roles;
        }

        foreach (var (value, node) in map.Entries())
        {
            if (node is YamlScalarNode { Value: { Length: > 0 } role })
            {
                roles.Add(new(value, role));
            }
            else
            {
                map.Sentence(value, "must name a role of the safety policy");
            }
        }

        if (roles.Count == 0)
        {
            section.Error("roles", "map at least one claim value to a role, e.g. { finance-team: finance }");
        }

        return roles;
    }

    [GeneratedRegex("^[A-Za-z_][A-Za-z0-9_]*$")]
    private static partial Regex VariableName();
}
