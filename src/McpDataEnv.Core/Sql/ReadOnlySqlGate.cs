using McpDataEnv.Core.Sql.Lexing;
using Microsoft.Extensions.Caching.Memory;

namespace McpDataEnv.Core.Sql;

/// <summary>
/// The read-only SQL gate: a dialect-exact lexer plus token rules decide, and ScriptDom's parse
/// (or its token stream) is a second, independent opinion that can only add refusals. The verdict is
/// a pure function of (text, dialect), so verdicts are cached. ScriptDom's opinion is also cached by the text's
/// <see cref="LiteralShape"/>: a query seen before with other literal values costs only the dialect lexer and rules.
/// Thread-safe; use one instance.
/// </summary>
public sealed class ReadOnlySqlGate : IReadOnlySqlGate, IDisposable
{
    private readonly int _maxLength;
    private readonly bool _crossCheck;
    private readonly MemoryCache _cache;
    private long _scriptDomRuns;

    public ReadOnlySqlGate(ReadOnlySqlGateOptions? options = null)
    {
        options ??= new ReadOnlySqlGateOptions();
        _maxLength = options.MaxLength;
        _crossCheck = options.CrossCheckWithScriptDom;
        _cache = new MemoryCache(new MemoryCacheOptions { SizeLimit = options.CacheSizeChars });
    }

    /// <summary>How many times this gate has asked ScriptDom (a cache miss on both the text and its shape).</summary>
    internal long ScriptDomRuns => Interlocked.Read(ref _scriptDomRuns);

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

        var verdict = Evaluate(sql, dialect, _crossCheck ? CrossCheckByShape : null);
        _cache.Set(key, verdict, new MemoryCacheEntryOptions { Size = sql.Length + 64 });
        return verdict;
    }

    /// <summary>The uncached verdict (the cache only remembers it).</summary>
    internal static GateVerdict Evaluate(string sql, SqlDialect dialect, bool crossCheck = true) =>
        Evaluate(sql, dialect, crossCheck ? static (text, d, lexed) => TSqlCrossCheck.Check(text, d, lexed.UsesDialectOnlyLexis) : null);

    private static GateVerdict Evaluate(string sql, SqlDialect dialect, Func<string, SqlDialect, LexResult, GateVerdict?>? crossCheck)
    {
        var lexed = SqlLexer.Tokenize(sql, dialect);
        if (lexed.Error is not null)
        {
            return GateMessages.Syntax(lexed.Error);
        }

        return TokenRules.Check(lexed.Tokens, dialect) ?? crossCheck?.Invoke(sql, dialect, lexed) ?? GateVerdict.Allowed;
    }

    private GateVerdict? CrossCheckByShape(string sql, SqlDialect dialect, LexResult lexed)
    {
        // Where the lexers may disagree on boundaries (dollar quotes, E'' strings, nested comments...), no shape is trusted.
        if (lexed.UsesDialectOnlyLexis)
        {
            Interlocked.Increment(ref _scriptDomRuns);
            return TSqlCrossCheck.Check(sql, dialect, dialectOnlyLexis: true);
        }

        var key = new ShapeKey(dialect, LiteralShape.Of(sql, lexed.PlainLiterals));
        if (_cache.TryGetValue(key, out GateVerdict? known) && known is not null)
        {
            return known.IsAllowed ? null : known;
        }

        Interlocked.Increment(ref _scriptDomRuns);
        var verdict = TSqlCrossCheck.Check(sql, dialect, dialectOnlyLexis: false);
        _cache.Set(key, verdict ?? GateVerdict.Allowed, new MemoryCacheEntryOptions { Size = key.Shape.Length + 64 });
        return verdict;
    }

    /// <summary>Cache key of ScriptDom's opinion on a shape; its own type, so it never meets a (dialect, text) key.</summary>
    private sealed record ShapeKey(SqlDialect Dialect, string Shape);

    public void Dispose() => _cache.Dispose();
}
