namespace McpDataEnv.Core.Sql;

/// <summary>Limits of the <see cref="ReadOnlySqlGate"/>.</summary>
public sealed class ReadOnlySqlGateOptions
{
    /// <summary>Longest SQL text accepted, in characters; longer texts are refused as <c>too_long</c>.</summary>
    public int MaxLength { get; init; } = 20_000;

    /// <summary>Verdict cache budget in characters of cached SQL text (bounds memory, not entry count).</summary>
    public long CacheSizeChars { get; init; } = 4_000_000;

    /// <summary>
    /// Also ask ScriptDom (full T-SQL parse, else its token stream) for a second opinion. It can only add
    /// refusals and costs roughly 100 µs per KB on a cache miss (the dialect lexer and rules: ~10 µs per KB).
    /// </summary>
    public bool CrossCheckWithScriptDom { get; init; } = true;
}
