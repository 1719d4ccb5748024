using System.Text;
using System.Text.RegularExpressions;

namespace McpDataEnv.Core.Environments.Yaml;

/// <summary>Expands <c>${VAR}</c> and <c>${VAR:-default}</c> in configuration values.</summary>
/// <remarks>As in POSIX shells, the default applies when the variable is unset or empty.</remarks>
internal static partial class VariableSubstitution
{
    /// <summary>Expands <paramref name="text"/>; returns null and names the culprit in <paramref name="problem"/> on failure.</summary>
    /// <remarks>The problem text names variables, never their values: they may be secrets.</remarks>
    public static string? Expand(string text, Func<string, string?> lookup, out string? problem)
    {
        problem = null;
        if (!text.Contains("${", StringComparison.Ordinal))
        {
            return text;
        }

        if (Reference().Replace(text, "").Contains("${", StringComparison.Ordinal))
        {
            problem = "has a malformed ${...} reference (write ${NAME} or ${NAME:-default})";
            return null;
        }

        var result = new StringBuilder();
        var position = 0;
        foreach (Match match in Reference().Matches(text))
        {
            result.Append(text, position, match.Index - position);
            position = match.Index + match.Length;
            var name = match.Groups["name"].Value;
            var value = lookup(name);
            if (!string.IsNullOrEmpty(value))
            {
                result.Append(value);
            }
            else if (match.Groups["default"].Success)
            {
                result.Append(match.Groups["default"].Value);
            }
            else
            {
                problem = $"uses ${{{name}}}, which is not set (set the environment variable or write ${{{name}:-default}})";
                return null;
            }
        }

        result.Append(text, position, text.Length - position);
        return result.ToString();
    }

    [GeneratedRegex(@"\$\{(?<name>[A-Za-z_][A-Za-z0-9_]*)(?::-(?<default>[^}]*))?\}")]
    private static partial Regex Reference();
}
