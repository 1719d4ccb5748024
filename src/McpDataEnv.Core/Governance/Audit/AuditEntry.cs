using System.Text.Json.Serialization;

namespace McpDataEnv.Core.Governance.Audit;

/// <summary>
/// One line of the audit trail: the event, its position and the hash chain. <see cref="Hash"/> is
/// SHA-256 over <see cref="Prev"/> and the entry's canonical JSON without the hash itself
/// (see <see cref="AuditChain"/>), so editing, removing or reordering any entry breaks the chain.
/// </summary>
public sealed record AuditEntry(
    [property: JsonPropertyName("seq")] long Seq,
    [property: JsonPropertyName("time")] DateTimeOffset Time,
    [property: JsonPropertyName("principal")] string Principal,
    [property: JsonPropertyName("role")] string Role,
    [property: JsonPropertyName("tool")] string Tool,
    [property: JsonPropertyName("arguments")] IReadOnlyDictionary<string, string?> Arguments,
    [property: JsonPropertyName("verdict")] string Verdict,
    [property: JsonPropertyName("code")] string? Code,
    [property: JsonPropertyName("rules")] IReadOnlyList<string> Rules,
    [property: JsonPropertyName("rows")] long? Rows,
    [property: JsonPropertyName("duration_ms")] double DurationMs,
    [property: JsonPropertyName("prev")] string Prev,
    [property: JsonPropertyName("hash")] string Hash);
