using System.Globalization;
using McpDataEnv.Core.Errors;

namespace McpDataEnv.Tools;

/// <summary>Parses the ISO 8601 dates memory_search accepts (a bare date means midnight UTC).</summary>
public static class MemoryDates
{
    public static DateTimeOffset? Parse(string? value, string argument)
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            return null;
        }

        if (DateTimeOffset.TryParse(value.Trim(), CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal, out var at))
        {
            return at;
        }

        throw new DataEnvException(
            ErrorCodes.InvalidArgument,
            $"{argument} must be an ISO 8601 date or time, for example 2026-01-15 or 2026-01-15T09:30:00Z.",
            new Dictionary<string, object?> { ["argument"] = argument });
    }
}
