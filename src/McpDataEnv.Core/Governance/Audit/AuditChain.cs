using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace McpDataEnv.Core.Governance.Audit;

/// <summary>The hash chain: how an entry is sealed, serialized and checked.</summary>
public static class AuditChain
{
    /// <summary>The <c>prev</c> of the first entry.</summary>
    public const string Genesis = "0000000000000000000000000000000000000000000000000000000000000000";

    private static readonly JsonSerializerOptions Json = new()
    {
        DefaultIgnoreCondition = JsonIgnoreCondition.Never,
        Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };

    /// <summary>Places <paramref name="e"/> after an entry with <paramref name="prevSeq"/> and <paramref name="prevHash"/>.</summary>
    public static AuditEntry Seal(AuditEvent e, long prevSeq, string prevHash)
    {
        var entry = new AuditEntry(
            prevSeq + 1, e.Time.ToUniversalTime(), Storable(e.Principal), Storable(e.Role), Storable(e.Tool), StorableArguments(e.Arguments),
            Storable(e.Verdict), e.Code is null ? null : Storable(e.Code), [.. e.Rules.Select(Storable)], e.Rows, Math.Round(e.DurationMs, 3), prevHash, string.Empty);
        return entry with { Hash = HashOf(entry) };
    }

    /// <summary>The hash an entry must carry: SHA-256 (hex) of its canonical JSON with an empty hash.</summary>
    public static string HashOf(AuditEntry entry)
    {
        var canonical = JsonSerializer.SerializeToUtf8Bytes(entry with { Hash = string.Empty }, Json);
        return Convert.ToHexStringLower(SHA256.HashData(canonical));
    }

    // A lone surrogate cannot be written as UTF-8: the serializer would emit U+FFFD, which reads back as a different
    // string and would no longer match the hash. Seal what the trail can actually hold.
    private static string Storable(string text) =>
        text.AsSpan().ContainsAnyInRange('\uD800', '\uDFFF') ? Encoding.UTF8.GetString(Encoding.UTF8.GetBytes(text)) : text;

    // Arguments longer than AuditArgumentText.MaxChars are stored shortened (start, length, SHA-256), before sealing.
    // Copied only when something changes (each helper returns its input itself when it fits); key order is kept.
    private static IReadOnlyDictionary<string, string?> StorableArguments(IReadOnlyDictionary<string, string?> arguments)
    {
        Dictionary<string, string?>? copy = null;
        var seen = 0;
        foreach (var (key, value) in arguments)
        {
            var storedKey = StorableArgument(key);
            var storedValue = value is null ? null : StorableArgument(value);
            if (copy is null && (!ReferenceEquals(storedKey, key) || !ReferenceEquals(storedValue, value)))
            {
                copy = new Dictionary<string, string?>(arguments.Count);
                foreach (var (earlierKey, earlierValue) in arguments.Take(seen))
                {
                    copy[earlierKey] = earlierValue;
                }
            }

            if (copy is not null)
            {
                copy[storedKey] = storedValue;
            }

            seen++;
        }

        return copy ?? arguments;
    }

    private static string StorableArgument(string text) => Storable(AuditArgumentText.Shortened(text));

    public static string ToLine(AuditEntry entry) => JsonSerializer.Serialize(entry, Json);

    /// <summary>Parses one line; null when it is not a well-formed entry.</summary>
    public static AuditEntry? Parse(string line)
    {
        try
        {
            var entry = JsonSerializer.Deserialize<AuditEntry>(line, Json);
            return entry is { Principal: not null, Tool: not null, Arguments: not null, Rules: not null, Prev: not null, Hash: not null } ? entry : null;
        }
        catch (JsonException)
        {
            return null;
        }
    }

    /// <summary>The arguments as the JSON object they take inside an entry (same encoding as the hash sees).</summary>
    public static string ArgumentsJson(IReadOnlyDictionary<string, string?> arguments) => JsonSerializer.Serialize(arguments, Json);

    /// <summary>Parses <see cref="ArgumentsJson"/> back, keeping the order of the keys (the hash depends on it).</summary>
    public static IReadOnlyDictionary<string, string?> ParseArguments(string json) =>
        JsonSerializer.Deserialize<Dictionary<string, string?>>(json, Json) ?? throw new JsonException("audit arguments are not a JSON object");

    public static byte[] Utf8Line(AuditEntry entry) => Encoding.UTF8.GetBytes(ToLine(entry) + "\n");
}
