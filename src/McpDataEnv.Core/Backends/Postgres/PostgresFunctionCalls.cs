using System.Collections.Frozen;
using McpDataEnv.Core.Sql.Lexing;

namespace McpDataEnv.Core.Backends.Postgres;

/// <summary>Finds the names of functions a piece of PostgreSQL text calls: every name followed by <c>(</c>.</summary>
/// <remarks>
/// Over-inclusive where it must be (a type modifier such as <c>varchar2(10)</c> of a user type counts as a name;
/// only names PostgreSQL resolves to a refused function matter), except for unquoted keywords that PostgreSQL's
/// grammar never reads as a function name (<c>IN (</c>, <c>THEN (</c>, <c>EXISTS (</c>, <c>numeric(12,2)</c>): they
/// cannot call anything, and listing them made every repeat of a verified text pay the volatility re-check
/// (<see cref="PostgresVerdictGuard"/>); nor are a call's <c>OVER (</c> and <c>FILTER (</c> clauses. A quoted <c>"in"(</c> is a call and is kept. For <c>schema.func(</c> the last
/// identifier is the function name. Text the lexer cannot read is refused (<see cref="PostgresTokens.Of"/>).
/// </remarks>
internal static class PostgresFunctionCalls
{
    // Unquoted, the grammar reads these as syntax (COALESCE(...), EXTRACT(... FROM ...), NUMERIC(p, s)) whatever functions
    // exist. What such syntax calls underneath appears in the verbose plan's function list. Keywords that can be
    // function names (left, right, filter, over...) are not here.
    private static readonly FrozenSet<string> NeverAFunction =
        PostgresKeywords.Reserved.Union(PostgresKeywords.ColumnNameOnly).ToFrozenSet(StringComparer.Ordinal);

    public static IReadOnlySet<string> Find(string text) => Find(PostgresTokens.Of(text));

    public static IReadOnlySet<string> Find(IReadOnlyList<SqlToken> tokens)
    {
        var names = new HashSet<string>(StringComparer.Ordinal);
        // For each open parenthesis: does it open a call's arguments (or a WITHIN GROUP / FILTER clause)?
        var opensCall = new Stack<bool>();
        var closedCall = false;
        for (var i = 0; i < tokens.Count; i++)
        {
            var token = tokens[i];
            var name = PostgresTokens.Name(token);
            var beforeParen = i + 1 < tokens.Count && tokens[i + 1].Kind == SqlTokenKind.OpenParen;
            if (beforeParen && name is not null && CanNameFunction(tokens[i], name) && !(closedCall && IsAggregateClause(token)))
            {
                names.Add(name);
            }

            closedCall = false;
            if (token.Kind == SqlTokenKind.OpenParen)
            {
                // WITHIN GROUP (ORDER BY ...) belongs to a call although GROUP is reserved.
                opensCall.Push(i > 0 && PostgresTokens.Name(tokens[i - 1]) is { } p && (CanNameFunction(tokens[i - 1], p) || p == "group"));
            }
            else if (token.Kind == SqlTokenKind.CloseParen && opensCall.Count > 0)
            {
                closedCall = opensCall.Pop();
            }
        }
        return names;
    }

    // A quoted name always can; an unquoted one unless the grammar reads it as syntax.
    private static bool CanNameFunction(SqlToken token, string name) =>
        token.Kind == SqlTokenKind.QuotedIdentifier || !NeverAFunction.Contains(name);

    // Unquoted OVER ( and FILTER ( right after the ")" that closes a call's arguments (or its WITHIN GROUP or FILTER
    // clause) are the window and aggregate-filter clauses: the grammar lets nothing else follow a call there. Both are
    // keywords that can name functions, so elsewhere (after DISTINCT ON (...), say) they stay calls.
    private static bool IsAggregateClause(SqlToken token) =>
        token.Kind == SqlTokenKind.Word && PostgresTokens.Name(token) is "over" or "filter";
}
