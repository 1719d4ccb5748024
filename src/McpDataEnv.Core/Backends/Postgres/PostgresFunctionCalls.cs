using System.Collections.Frozen;
using McpDataEnv.Core.Sql.Lexing;

namespace McpDataEnv.Core.Backends.Postgres;

/// <summary>Finds the names of functions a piece of PostgreSQL text calls: every name followed by <c>(</c>.</summary>
/// <remarks>
/// Over-inclusive where it must be (a type modifier such as <c>varchar2(10)</c> of a user type counts as a name;
/// only names PostgreSQL resolves to a refused function matter), except for unquoted keywords that PostgreSQL's
/// grammar never reads as a function name (<c>IN (</c>, <c>THEN (</c>, <c>EXISTS (</c>, <c>numeric(12,2)</c>): they
/// cannot call anything, and listing them made every repeat of a verified text pay the volatility re-check
/// (<see cref="PostgresVerdictGuard"/>). A quoted <c>"in"(</c> is a call and is kept. For <c>schema.func(</c> the last
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
        for (var i = 0; i + 1 < tokens.Count; i++)
        {
            if (tokens[i + 1].Kind == SqlTokenKind.OpenParen && PostgresTokens.Name(tokens[i]) is { } name
                && !(tokens[i].Kind == SqlTokenKind.Word && NeverAFunction.Contains(name)))
            {
                names.Add(name);
            }
        }
        return names;
    }
}
