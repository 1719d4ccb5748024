namespace McpDataEnv.Core.Sql.Lexing;

/// <summary>The significant tokens of a text, or why the text could not be tokenised.</summary>
/// <param name="Tokens">Significant tokens in order (empty when <paramref name="Error"/> is set).</param>
/// <param name="Error">Actionable description of a lexical error (unterminated string, comment...), else null.</param>
/// <param name="UsesDialectOnlyLexis">
/// True when the text uses a lexical form the T-SQL tokenizer reads differently (dollar quotes,
/// E'' / U&amp;'' strings, backticks, nested comments); the ScriptDom cross-check then has no say
/// on statement boundaries.
/// </param>
internal sealed record LexResult(IReadOnlyList<SqlToken> Tokens, string? Error, bool UsesDialectOnlyLexis)
{
    /// <summary>
    /// Where the plain <c>'...'</c> strings and short unsigned integers are (start, length): literals whose value
    /// cannot change how either this lexer or T-SQL's splits the text, so <see cref="LiteralShape"/> may blank them.
    /// </summary>
    public IReadOnlyList<(int Start, int Length)> PlainLiterals { get; init; } = [];
}
