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
    // PostgreSQL's fully reserved keywords, and its column-name keywords that "cannot be function or type name"
    // (Appendix C): unquoted, the grammar reads them as syntax (COALESCE(...), EXTRACT(... FROM ...), NUMERIC(p, s))
    // whatever functions exist. What such syntax calls underneath appears in the verbose plan's function list.
    // Keywords that can be function names (left, right, filter, over...) are not here.
    private static readonly FrozenSet<string> NeverAFunction = new[]
    {
        "all", "analyse", "analyze", "and", "any", "array", "as", "asc", "asymmetric", "both", "case", "cast", "check",
        "collate", "column", "constraint", "create", "current_catalog", "current_date", "current_role", "current_time",
        "current_timestamp", "current_user", "default", "deferrable", "desc", "distinct", "do", "else", "end", "except",
        "false", "fetch", "for", "foreign", "from", "grant", "group", "having", "in", "initially", "intersect", "into",
        "lateral", "leading", "limit", "localtime", "localtimestamp", "not", "null", "offset", "on", "only", "or",
        "order", "placing", "primary", "references", "returning", "select", "session_user", "some", "symmetric", "table",
        "then", "to", "trailing", "true", "union", "unique", "user", "using", "variadic", "when", "where", "window", "with",
        "between", "bigint", "bit", "boolean", "char", "character", "coalesce", "dec", "decimal", "exists", "extract",
        "float", "greatest", "grouping", "inout", "int", "integer", "interval", "least", "national", "nchar", "none",
        "normalize", "nullif", "numeric", "out", "overlay", "position", "precision", "real", "row", "setof", "smallint",
        "substring", "time", "timestamp", "treat", "trim", "values", "varchar",
    }.ToFrozenSet(StringComparer.Ordinal);

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
