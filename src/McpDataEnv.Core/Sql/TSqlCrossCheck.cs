using Microsoft.SqlServer.TransactSql.ScriptDom;

namespace McpDataEnv.Core.Sql;

/// <summary>
/// An independent second opinion from ScriptDom (T-SQL 150). Where the text is T-SQL-compatible
/// the full parse must show exactly one SELECT without INTO and no forbidden function; where the
/// parse fails (LIMIT, ILIKE, ::, ...) its token stream must still show a single statement, unless the
/// text uses lexical forms T-SQL reads differently (then the dialect lexer alone decides). It only
/// ever adds refusals: a failed parse is no reason to refuse a query the dialect rules accepted.
/// </summary>
internal static class TSqlCrossCheck
{
    public static GateVerdict? Check(string sql, SqlDialect dialect, bool dialectOnlyLexis)
    {
        // A parser instance is cheap and not documented as thread-safe: one per call.
        var parser = new TSql150Parser(initialQuotedIdentifiers: true);
        using var reader = new StringReader(sql);
        var fragment = parser.Parse(reader, out var errors);
        if (errors.Count == 0 && fragment is TSqlScript script)
        {
            return CheckTree(script, dialect);
        }

        if (dialectOnlyLexis || fragment?.ScriptTokenStream is not { } tokens)
        {
            return null;
        }

        var statements = TSqlStatementCounter.Count(tokens);
        return statements > 1 ? GateMessages.MultipleStatements(statements) : null;
    }

    private static GateVerdict? CheckTree(TSqlScript script, SqlDialect dialect)
    {
        // T-SQL reads "EXPLAIN SELECT ..." as a call of a procedure named EXPLAIN, then a SELECT;
        // the dialect rules have already vetted the EXPLAIN options, so only the query is judged here.
        var statements = script.Batches.SelectMany(b => b.Statements)
            .Where(s => !(s is ExecuteStatement && IsExplain(script, s)))
            .ToList();
        if (statements.Count > 1)
        {
            return GateMessages.MultipleStatements(statements.Count);
        }

        if (statements.Count == 1 && statements[0] is not SelectStatement)
        {
            var name = statements[0].GetType().Name.Replace("Statement", "", StringComparison.Ordinal);
            return GateMessages.Refuse(ReasonFor(name), name.ToUpperInvariant());
        }

        if (statements.Count == 1 && ((SelectStatement)statements[0]).Into is not null)
        {
            return GateMessages.Refuse(GateReasons.SelectInto, "INTO");
        }

        var calls = new FunctionCallCollector();
        script.Accept(calls);
        var forbidden = calls.Names.FirstOrDefault(n => ForbiddenFunctions.IsForbidden(n, dialect));
        return forbidden is null ? null : GateMessages.Refuse(GateReasons.ForbiddenFunction, forbidden.ToLowerInvariant());
    }

    private static bool IsExplain(TSqlScript script, TSqlStatement statement) =>
        script.ScriptTokenStream[statement.FirstTokenIndex].Text.Equals("EXPLAIN", StringComparison.OrdinalIgnoreCase);

    private static string ReasonFor(string statementType) => statementType switch
    {
        _ when statementType.StartsWith("Insert", StringComparison.Ordinal)
            || statementType.StartsWith("Update", StringComparison.Ordinal)
            || statementType.StartsWith("Delete", StringComparison.Ordinal)
            || statementType.StartsWith("Merge", StringComparison.Ordinal) => GateReasons.Write,
        _ when statementType.StartsWith("Create", StringComparison.Ordinal)
            || statementType.StartsWith("Alter", StringComparison.Ordinal)
            || statementType.StartsWith("Drop", StringComparison.Ordinal)
            || statementType.StartsWith("Truncate", StringComparison.Ordinal) => GateReasons.Ddl,
        _ when statementType.Contains("Transaction", StringComparison.Ordinal) => GateReasons.TransactionControl,
        "Grant" or "Revoke" or "Deny" => GateReasons.Permission,
        _ when statementType.StartsWith("Set", StringComparison.Ordinal) => GateReasons.SessionControl,
        _ => GateReasons.NotAQuery,
    };
}
