using System.Text.RegularExpressions;
using McpDataEnv.Core.Errors;
using McpDataEnv.Core.Governance;

namespace McpDataEnv.Core.Memory;

/// <summary>
/// Applies <see cref="MemoryContentRules.DenyPatterns"/> to text about to be written to memory
/// (for example e-mail addresses or phone numbers copied out of the database).
/// </summary>
public sealed class MemoryContentPolicy
{
    private static readonly TimeSpan MatchTimeout = TimeSpan.FromMilliseconds(200);
    private readonly IReadOnlyList<(string Rule, Regex Pattern)> rules;

    public MemoryContentPolicy(MemoryContentRules rules)
    {
        this.rules = rules.DenyPatterns
            .OrderBy(r => r.Key, StringComparer.Ordinal)
            .Select(r => (r.Key, new Regex(r.Value, RegexOptions.CultureInvariant, MatchTimeout)))
            .ToList();
    }

    /// <summary>Throws <c>access_denied</c> naming the first rule the text matches; nothing is written then.</summary>
    /// <remarks>A pattern that times out counts as a match: the write is refused rather than left unchecked.</remarks>
    public void Check(string text, string argument)
    {
        foreach (var (rule, pattern) in rules)
        {
            bool matched;
            try
            {
                matched = pattern.IsMatch(text);
            }
            catch (RegexMatchTimeoutException)
            {
                matched = true;
            }

            if (matched)
            {
                throw new DataEnvException(
                    ErrorCodes.AccessDenied,
                    $"Memory write refused by content rule '{rule}': the {argument} looks like data this environment does not allow in memory. Remove it (describe the finding instead of copying the value) and try again.",
                    new Dictionary<string, object?> { ["rule"] = rule, ["argument"] = argument });
            }
        }
    }
}
