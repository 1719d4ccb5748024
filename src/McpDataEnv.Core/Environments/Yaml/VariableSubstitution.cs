using System.Text;
using System.Text.RegularExpressions;

namespace McpDataEnv.Core.Environments.Yaml;

/// <summary>Expands <c>${VAR}</c> and <c>${VAR:-default}</c> in configuration values; <c>$${</c> is a literal <c>${</c>.</summary>
/// <remarks>
/// As in POSIX shells, the default applies when the variable is unset or empty. The escape is docker-compose's
/// <c>$$</c>, but only before <c>{</c>: a <c>$$</c> anywhere else (a password, say) keeps meaning two dollars, as it
/// did before the escape existed.
/// </remarks>
internal static partial class VariableSubstitution
{
    private const string Escape = "$${";

    /// <summary>Expands <paramref name="text"/>; returns null and names the culprit in <paramref name="problem"/> on failure.</summary>
    /// <remarks>The problem text names variables, never their values: they may be secrets.</remarks>
    public static string? Expand(string text, Func<string, string?> lookup, out string? problem)
    {
        problem = null;
        if (!text.Contains("${", StringComparison.Ordinal))
        {
            return text;
        }

        // Checked before any lookup, so a malformed reference is reported even after an unset one.
        if (HasMalformedReference(text))
        {
            problem = "has a malformed ${...} reference (write ${NAME} or ${NAME:-default}; $${ for a literal ${)";
            return null;
        }

        var result = new StringBuilder();
        var position = 0;
        foreach (Match match in Token().Matches(text))
        {
            result.Append(text, position, match.Index - position);
            position = match.Index + match.Length;
            if (match.Value == Escape)
            {
                result.Append("${");
                continue;
            }

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

    /// <summary>True when a <c>${</c> is left in the literal text between escapes and references.</summary>
    /// <remarks>The gaps are inspected one by one rather than after removing every token, which could join a
    /// <c>$</c> before a token and a <c>{</c> after it into a <c>${</c> that the text never had.</remarks>
    private static bool HasMalformedReference(string text)
    {
        var position = 0;
        foreach (Match match in Token().Matches(text))
        {
            if (text.AsSpan(position, match.Index - position).Contains("${", StringComparison.Ordinal))
            {
                return true;
            }

            position = match.Index + match.Length;
        }

        return text.AsSpan(position).Contains("${", StringComparison.Ordinal);
    }

    // The escape comes first so that "$${NAME}" is the escape followed by "NAME}", never "$" and a reference.
    [GeneratedRegex(@"\$\$\{|\$\{(?<name>[A-Za-z_][A-Za-z0-9_]*)(?::-(?<default>[^}]*))?\}")]
    private static partial Regex Token();
}
