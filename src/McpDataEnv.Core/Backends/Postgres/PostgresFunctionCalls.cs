namespace McpDataEnv.Core.Backends.Postgres;

/// <summary>Finds the names of functions a piece of PostgreSQL text calls: every identifier followed by <c>(</c>.</summary>
/// <remarks>
/// Deliberately over-inclusive: type modifiers (<c>numeric(12,2)</c>) and <c>IN (</c>-style keywords count
/// as names too; they are harmless because only names PostgreSQL resolves to a refused function matter.
/// For <c>schema.func(</c> the last identifier is the function name.
/// </remarks>
internal static class PostgresFunctionCalls
{
    public static IReadOnlySet<string> Find(string text)
    {
        var tokens = PostgresLexer.Tokenize(text);
        var names = new HashSet<string>(StringComparer.Ordinal);
        for (var i = 0; i + 1 < tokens.Count; i++)
        {
            if (tokens[i].Kind == PostgresTokenKind.Identifier && tokens[i + 1] is { Kind: PostgresTokenKind.Symbol, Text: "(" })
            {
                names.Add(tokens[i].Text);
            }
        }
        return names;
    }
}
