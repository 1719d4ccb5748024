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
        var entry = new AuditEntry(prevSeq + 1, e.Time.ToUniversalTime(), e.Principal, e.Role, e.Tool, e.Arguments, e.Verdict, e.Code, e.Rules, e.Rows, Math.Round(e.DurationMs, 3), prevHash, string.Empty);
        return entry with { Hash = HashOf(entry) };
    }

    /// <summary>The hash an entry must carry: SHA-256 (hex) of its canonical JSON with an empty hash.</summary>
    public static string HashOf(AuditEntry entry)
    {
        var canonical = JsonSerializer.SerializeToUtf8Bytes(entry with { Hash = string.Empty }, Json);
        return Convert.ToHexStringLower(SHA256.HashData(canonical));
    }

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

    public static byte[] Utf8Line(AuditEntry entry) => Encoding.UTF8.GetBytes(ToLine(entry) + "\n");
}
