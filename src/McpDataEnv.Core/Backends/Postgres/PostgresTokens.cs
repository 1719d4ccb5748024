using McpDataEnv.Core.Errors;
using McpDataEnv.Core.Sql;
using McpDataEnv.Core.Sql.Lexing;

namespace McpDataEnv.Core.Backends.Postgres;

/// <summary>
/// The backend's view of PostgreSQL text through the gate's dialect-exact <see cref="SqlLexer"/>: one lexer for
/// the whole server, so the gate and the engine-side guards never disagree about what is a string, a comment or a name.
/// </summary>
internal static class PostgresTokens
{
    /// <summary>The tokens of <paramref name="text"/>; a text the lexer cannot read is refused, never skipped.</summary>
    public static IReadOnlyList<SqlToken> Of(string text)
    {
        var lexed = SqlLexer.Tokenize(text, SqlDialect.Postgres);
        if (lexed.Error is { } error)
        {
            throw new DataEnvException(ErrorCodes.EngineRefused,
                $"The function guard could not read the statement: {error}",
                new Dictionary<string, object?> { ["rule"] = "postgres.function_guard" });
        }
        return lexed.Tokens;
    }

    /// <summary>
    /// The name a word or quoted identifier denotes: unquoted words fold to lower case (ASCII only, as PostgreSQL
    /// does in UTF-8 databases), quoted identifiers (<c>U&amp;"..."</c> already decoded) stay exact; null otherwise.
    /// </summary>
    public static string? Name(SqlToken token) => token.Kind switch
    {
        SqlTokenKind.Word => AsciiLower(token.Text),
        SqlTokenKind.QuotedIdentifier => token.Text,
        _ => null,
    };

    private static string AsciiLower(string word)
    {
        foreach (var c in word)
        {
            if (char.IsAsciiLetterUpper(c))
            {
                return string.Create(word.Length, word, static (span, w) =>
                {
                    for (var i = 0; i < w.Length; i++) span[i] = char.IsAsciiLetterUpper(w[i]) ? (char)(w[i] | 0x20) : w[i];
                });
            }
        }
        return word;
    }
}
