using System.Text.RegularExpressions;
using McpDataEnv.Core.Environments.Yaml;
using McpDataEnv.Core.Environments;
using McpDataEnv.Core.Errors;

namespace McpDataEnv.Core.Governance;

/// <summary>
/// Validates <c>memory.shared</c> of <c>safety_policy.md</c>:
/// <code>
/// shared:
///   team: { description: ..., read: [analyst, finance], write: [finance] }
/// </code>
/// Every error names the file and key; a role that may write a scope may also read it.
/// </summary>
internal static partial class SharedMemoryParser
{
    public static MemorySharing Parse(YamlSection? shared, IEnumerable<string> roleNames)
    {
        if (shared is null)
        {
            return MemorySharing.None;
        }

        var roles = roleNames.ToList();
        var scopes = new Dictionary<string, SharedMemoryScope>(StringComparer.Ordinal);
        foreach (var (name, value) in shared.Entries())
        {
            if (!ScopeName().IsMatch(name))
            {
                shared.Error(name, "shared scope names are lowercase identifiers of at most 32 characters (letters, digits, '_')");
                continue;
            }

            if (shared.SectionOf(name, value) is not { } section)
            {
                continue;
            }

            section.AllowOnly("description", "read", "write");
            var read = Roles(section, "read", roles);
            var write = Roles(section, "write", roles);
            if (read.Count == 0 && write.Count == 0)
            {
                shared.Sentence(name, "grants no role: list roles under read and/or write");
            }

            scopes[name] = new SharedMemoryScope(name, section.String("description"), read, write);
        }

        return new MemorySharing(scopes);
    }

    private static IReadOnlyList<string> Roles(YamlSection section, string key, IReadOnlyList<string> known)
    {
        var listed = section.StringList(key) ?? [];
        foreach (var unknown in listed.Where(r => !known.Contains(r, StringComparer.Ordinal)))
        {
            section.Error(key, $"unknown role '{unknown}'{DidYouMean.Suffix(unknown, known)}");
        }

        return listed.Where(r => known.Contains(r, StringComparer.Ordinal)).Distinct(StringComparer.Ordinal).ToList();
    }

    [GeneratedRegex("^[a-z][a-z0-9_]{0,31}$")]
    private static partial Regex ScopeName();
}
