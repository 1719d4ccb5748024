using System.Text.RegularExpressions;
using McpDataEnv.Core.Environments.Yaml;

namespace McpDataEnv.Core.Environments;

/// <summary>
/// Validates the <c>principals</c> section: each principal names a role and exactly one key reference,
/// a SHA-256 hash (<c>key_sha256</c>) or an environment variable (<c>key_env</c>). Keys themselves never
/// appear in the file.
/// </summary>
internal static partial class PrincipalSettingsParser
{
    public static IReadOnlyList<PrincipalSettings> Parse(YamlSection? section)
    {
        if (section is null)
        {
            return [];
        }

        var principals = new List<PrincipalSettings>();
        foreach (var (name, value) in section.Entries())
        {
            if (!PrincipalName().IsMatch(name))
            {
                section.Error(name, "principal names are letters, digits, '.', '-', '_' or '@'");
            }

            var entry = section.SectionOf(name, value);
            if (entry is null)
            {
                continue;
            }

            entry.AllowOnly("role", "attributes", "key_sha256", "key_env");
            var role = entry.String("role", required: true);
            var hash = entry.String("key_sha256")?.Trim().ToLowerInvariant();
            var variable = entry.String("key_env")?.Trim();
            Check(entry, hash, variable);
            if (role is not null)
            {
                principals.Add(new PrincipalSettings(name, role, entry.StringMap("attributes") ?? new Dictionary<string, string>(), hash, variable));
            }
        }

        return principals;
    }

    private static void Check(YamlSection entry, string? hash, string? variable)
    {
        if ((hash is null) == (variable is null))
        {
            entry.Errors.Sentence(entry.File, entry.Path, "needs exactly one of key_sha256 (hex SHA-256 of the key) or key_env (name of the variable holding the key)");
        }

        if (hash is not null && !Sha256Hex().IsMatch(hash))
        {
            entry.Sentence("key_sha256", "must be 64 hexadecimal characters (e.g. the output of: printf %s \"$KEY\" | sha256sum)");
        }

        if (variable is not null && !VariableName().IsMatch(variable))
        {
            entry.Sentence("key_env", "must be an environment variable name (letters, digits, '_')");
        }
    }

    [GeneratedRegex("^[A-Za-z0-9._@-]+$")]
    private static partial Regex PrincipalName();

    [GeneratedRegex("^[0-9a-f]{64}$")]
    private static partial Regex Sha256Hex();

    [GeneratedRegex("^[A-Za-z_][A-Za-z0-9_]*$")]
    private static partial Regex VariableName();
}
