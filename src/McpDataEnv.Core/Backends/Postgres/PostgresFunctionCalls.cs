using McpDataEnv.Core.Sql.Lexing;

namespace McpDataEnv.Core.Backends.Postgres;

/// <summary>Finds the names of functions a piece of PostgreSQL text calls: every name followed by <c>(</c>.</summary>
/// <remarks>
/// Deliberately over-inclusive: type modifiers (<c>numeric(12,2)</c>) and <c>IN (</c>-style keywords count
/// as names too; they are harmless because only names PostgreSQL resolves to a refused function matter.
/// For <c>schema.func(</c> the last identifier is the function name. Text the lexer cannot read is refused
/// (<see cref="PostgresTokens.Of"/>).
/// </remarks>
internal static class PostgresFunctionCalls
{
    public static IReadOnlySet<string> Find(string text) => Find(PostgresTokens.Of(text));

    public static IReadOnlySet<string> Find(IReadOnlyList<SqlToken> tokens)
    {
        var names = new HashSet<string>(StringComparer.Ordinal);
        for (var i = 0; i + 1 < tokens.Count; i++)
        {
            if (tokens[i + 1].Kind == SqlTokenKind.OpenParen && PostgresTokens.Name(tokens[i]) is { } name)
            {
                names.Add(name);
            }
        }
        return names;
    }
}
