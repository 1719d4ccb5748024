using McpDataEnv.Core.Sql.Lexing;
using Microsoft.Extensions.Caching.Memory;

namespace McpDataEnv.Core.Sql;

/// <summary>
/// The read-only SQL gate: a dialect-exact lexer plus token rules decide, and ScriptDom's parse
/// (or its token stream) is a second, independent opinion that can only add refusals. The verdict is
/// a pure function of (text, dialect), so verdicts are cached. Thread-safe; use one instance.
/// </summary>
public sealed class ReadOnlySqlGate : IReadOnlySqlGate, IDisposable
{
    private readonly int _maxLength;
    private readonly bool _crossCheck;
    private readonly MemoryCache _cache;

    public ReadOnlySqlGate(ReadOnlySqlGateOptions? options = null)
    {
        options ??= new ReadOnlySqlGateOptions();
        _maxLength = options.MaxLength;
        _crossCheck = options.CrossCheckWithScriptDom;
        _cache = new MemoryCache(new MemoryCacheOptions { SizeLimit = options.CacheSizeChars });
    }

    /// <inheritdoc />
    public GateVerdict Check(string sql, SqlDialect dialect)
    {
        if (string.IsNullOrWhiteSpace(sql))
        {
            return GateVerdict.Refused(GateReasons.Empty, "The SQL text is empty. Send one SELECT query.");
        }

        if (sql.Length > _maxLength)
        {
            return GateVerdict.Refused(GateReasons.TooLong,
                $"The SQL text has {sql.Length} characters; the limit is {_maxLength}. Send a shorter query.");
        }

        var key = (dialect, sql);
        if (_cache.TryGetValue(key, out GateVerdict? cached) && cached is not null)
        {
            return cached;
        }

        var verdict = Evaluate(sql, dialect, _crossCheck);
        _cache.Set(key, verdict, new MemoryCacheEntryOptions { Size = sql.Length + 64 });
        return verdict;
    }

    /// <summary>The uncached verdict (the cache only remembers it).</summary>
    internal static GateVerdict Evaluate(string sql, SqlDialect dialect, bool crossCheck = true)
    {
        var lexed = SqlLexer.Tokenize(sql, dialect);
        if (lexed.Error is not null)
        {
            return GateMessages.Syntax(lexed.Error);
        }

        return TokenRules.Check(lexed.Tokens, dialect)
            ?? (crossCheck ? TSqlCrossCheck.Check(sql, dialect, lexed.UsesDialectOnlyLexis) : null)
            ?? GateVerdict.Allowed;
    }

    public void Dispose() => _cache.Dispose();
}
