using System.Text.RegularExpressions;
using McpDataEnv.Core.Errors;

namespace McpDataEnv.Core.Memory;

/// <summary>Validation of core block keys and passage tags (both reach the model and the store verbatim).</summary>
public static partial class MemoryNames
{
    public const int MaxTags = 16;

    /// <summary>Throws <c>invalid_argument</c> unless <paramref name="key"/> matches <c>^[a-z0-9_.-]{1,64}$</c>.</summary>
    public static string ValidateKey(string? key)
    {
        if (key is null || !KeyPattern().IsMatch(key))
        {
            throw new DataEnvException(
                ErrorCodes.InvalidArgument,
                "A core block key must be 1-64 characters of a-z, 0-9, '_', '.' or '-', for example 'user_preferences'.",
                new Dictionary<string, object?> { ["argument"] = "key", ["pattern"] = "^[a-z0-9_.-]{1,64}$" });
        }

        return key;
    }

    /// <summary>Trims and lower-cases tags, drops duplicates; throws <c>invalid_argument</c> on a bad tag or too many.</summary>
    public static IReadOnlyList<string> NormalizeTags(IReadOnlyList<string>? tags)
    {
        if (tags is null || tags.Count == 0)
        {
            return [];
        }

        var normalized = tags.Select(t => (t ?? string.Empty).Trim().ToLowerInvariant()).Distinct(StringComparer.Ordinal).ToList();
        var bad = normalized.FirstOrDefault(t => !TagPattern().IsMatch(t));
        if (bad is not null || normalized.Count > MaxTags)
        {
            throw new DataEnvException(
                ErrorCodes.InvalidArgument,
                $"Tags must be at most {MaxTags}, each 1-48 characters of a-z, 0-9, '_', '.', ':' or '-'.",
                new Dictionary<string, object?> { ["argument"] = "tags", ["max_tags"] = MaxTags });
        }

        return normalized;
    }

    [GeneratedRegex("^[a-z0-9_.-]{1,64}$", RegexOptions.CultureInvariant)]
    private static partial Regex KeyPattern();

    [GeneratedRegex("^[a-z0-9_.:-]{1,48}$", RegexOptions.CultureInvariant)]
    private static partial Regex TagPattern();
}
