using McpDataEnv.Core.Sql.Lexing;

namespace McpDataEnv.Core.Backends.Postgres;

/// <summary>
/// The names a PostgreSQL text puts where the grammar reads a type, for <see cref="PostgresCatalogProbes"/> to ask
/// the catalog which of them are a table's row type (<c>NULL::payroll</c> would list payroll's columns). Wide on
/// purpose: a name listed that is no type costs nothing (the catalog says it is no row type), a position missed is a leak.
/// </summary>
/// <remarks>
/// The places PostgreSQL's grammar reads a <c>Typename</c> inside a query, each giving the last name of a dotted chain
/// (<c>retail . "payroll"</c> gives <c>payroll</c>; what follows — <c>[]</c>, <c>ARRAY</c>, a type modifier — does not
/// matter):
/// <list type="bullet">
/// <item><c>x::type</c>;</item>
/// <item><c>CAST(x AS type)</c>, <c>XMLSERIALIZE(... AS type)</c>: an <c>AS</c> directly inside their parentheses (an
/// <c>AS</c> elsewhere names an alias);</item>
/// <item><c>type 'literal'</c> and <c>type(modifier) 'literal'</c>: a name, or the name before a parenthesis, right
/// before a string constant;</item>
/// <item>column definitions: <c>f() AS x(a type, ...)</c>, <c>ROWS FROM (f() AS (a type))</c>, <c>XMLTABLE</c> or
/// <c>JSON_TABLE ... COLUMNS a type</c>: inside parentheses, a name after <c>(</c>, <c>,</c> or <c>COLUMNS</c>
/// directly followed by another name (a reserved word cannot name a column, so <c>(SELECT payroll</c> is not one);</item>
/// <item><c>RETURNING type</c> of the SQL/JSON functions.</item>
/// </list>
/// Not among them, because PostgreSQL answers them alike whether the table exists or not: calls (<c>payroll('(1,x,2)')</c>
/// is "function payroll(unknown) does not exist" either way: there is no function-style cast to a composite type),
/// <c>TREAT(x AS payroll)</c> (a call of <c>pg_catalog.payroll</c>), and <c>SETOF payroll</c> in a column definition
/// ("cannot be declared SETOF" before the type is looked up). Listing them would make the refusal itself the oracle.
/// A type this misses that does not exist
/// gets the same refusal anyway (<see cref="PostgresCatalogProbes.IsMissingType"/>); only an existing row type in a
/// missed position would slip through, which is why every rule errs wide.
/// </remarks>
internal static class PostgresTypeNames
{
    public static IReadOnlySet<string> Find(IReadOnlyList<SqlToken> tokens)
    {
        var names = new HashSet<string>(StringComparer.Ordinal);
        var openedBy = new Stack<string?>(); // for each open parenthesis, the name right before it, if any
        for (var i = 0; i < tokens.Count; i++)
        {
            var token = tokens[i];
            var beforeString = i + 1 < tokens.Count && tokens[i + 1].Kind == SqlTokenKind.String;
            if (token.Kind == SqlTokenKind.OpenParen)
            {
                openedBy.Push(i > 0 ? PostgresTokens.Name(tokens[i - 1]) : null);
            }
            else if (token.Kind == SqlTokenKind.CloseParen)
            {
                if (openedBy.TryPop(out var opener) && opener is not null && beforeString) names.Add(opener);
            }
            else if (IsColon(token) && i + 1 < tokens.Count && IsColon(tokens[i + 1]))
            {
                AddChain(tokens, i + 2, names);
            }
            else if (token.IsWord("as") && openedBy.TryPeek(out var enclosing) && enclosing is "cast" or "xmlserialize")
            {
                AddChain(tokens, i + 1, names);
            }
            else if (token.IsWord("returning"))
            {
                AddChain(tokens, i + 1, names);
            }
            else if (PostgresTokens.Name(token) is { } name)
            {
                if (beforeString) names.Add(name);
                else if (openedBy.Count > 0 && StartsColumnDefinition(tokens, i)) AddChain(tokens, i + 1, names);
            }
        }
        return names;
    }

    private static bool IsColon(SqlToken token) => token is { Kind: SqlTokenKind.Operator, Text: ":" };

    // "(a type", ", a type", "COLUMNS a type": the column's name is any name but a reserved word, and a name follows.
    private static bool StartsColumnDefinition(IReadOnlyList<SqlToken> tokens, int i) =>
        i > 0 && i + 1 < tokens.Count
        && (tokens[i - 1].Kind is SqlTokenKind.OpenParen or SqlTokenKind.Comma || tokens[i - 1].IsWord("columns"))
        && !(tokens[i].Kind == SqlTokenKind.Word && PostgresKeywords.Reserved.Contains(PostgresTokens.Name(tokens[i])!))
        && tokens[i + 1].IsName;

    // The type a name chain starting at tokens[start] denotes: its last name (schema.type).
    private static void AddChain(IReadOnlyList<SqlToken> tokens, int start, HashSet<string> names)
    {
        var i = start;
        string? last = null;
        while (i < tokens.Count && PostgresTokens.Name(tokens[i]) is { } name)
        {
            last = name;
            if (i + 2 < tokens.Count && tokens[i + 1].Kind == SqlTokenKind.Dot) i += 2;
            else break;
        }
        if (last is not null) names.Add(last);
    }
}
