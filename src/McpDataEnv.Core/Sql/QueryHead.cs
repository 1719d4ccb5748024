using McpDataEnv.Core.Sql.Lexing;

namespace McpDataEnv.Core.Sql;

/// <summary>
/// Checks how the statement starts: SELECT / WITH / VALUES / (PostgreSQL) TABLE, possibly inside
/// parentheses, or plain <c>EXPLAIN</c> of such a query. <c>EXPLAIN ANALYZE</c> executes its
/// statement, so it is refused whatever follows; plain EXPLAIN only plans and is allowed.
/// </summary>
internal static class QueryHead
{
    public static GateVerdict? Check(IReadOnlyList<SqlToken> tokens, int end, SqlDialect dialect)
    {
        var i = SkipOpenParens(tokens, 0, end);
        if (i < end && tokens[i].IsWord("EXPLAIN"))
        {
            var afterOptions = SkipExplainOptions(tokens, i + 1, end, dialect, out var analyze);
            if (analyze)
            {
                return GateVerdict.Refused(GateReasons.NotAQuery,
                    "EXPLAIN ANALYZE runs the statement, which is not allowed. Use plain EXPLAIN <query> to see the plan.");
            }

            i = SkipOpenParens(tokens, afterOptions, end);
        }

        if (i >= end || tokens[i].Kind != SqlTokenKind.Word)
        {
            var found = i < end ? tokens[i].Kind.ToString().ToLowerInvariant() : "nothing";
            return GateVerdict.Refused(GateReasons.NotAQuery,
                $"The statement starts with {found}, not a query keyword. Send one SELECT (or WITH ... SELECT, VALUES) query.");
        }

        var head = tokens[i].Text;
        if (StatementKeywords.IsQueryHead(head, dialect))
        {
            return null;
        }

        var reason = SetReason(tokens, i, end) ?? StatementKeywords.ForHead(head) ?? GateReasons.NotAQuery;
        return GateMessages.Refuse(reason, head.ToUpperInvariant());
    }

    private static int SkipOpenParens(IReadOnlyList<SqlToken> tokens, int i, int end)
    {
        while (i < end && tokens[i].Kind == SqlTokenKind.OpenParen)
        {
            i++;
        }

        return i;
    }

    private static int SkipExplainOptions(IReadOnlyList<SqlToken> tokens, int i, int end, SqlDialect dialect, out bool analyze)
    {
        analyze = false;
        if (dialect == SqlDialect.Sqlite)
        {
            return i + 1 < end && tokens[i].IsWord("QUERY") && tokens[i + 1].IsWord("PLAN") ? i + 2 : i;
        }

        var parenthesised = i < end && tokens[i].Kind == SqlTokenKind.OpenParen
            && i + 1 < end && tokens[i + 1].Kind == SqlTokenKind.Word && !StatementKeywords.IsQueryHead(tokens[i + 1].Text, dialect);
        if (parenthesised)
        {
            var close = i;
            while (close < end && tokens[close].Kind != SqlTokenKind.CloseParen)
            {
                analyze |= IsAnalyze(tokens[close]);
                close++;
            }

            return close + 1;
        }

        while (i < end && (IsAnalyze(tokens[i]) || tokens[i].IsWord("VERBOSE")))
        {
            analyze |= IsAnalyze(tokens[i]);
            i++;
        }

        return i;
    }

    private static bool IsAnalyze(SqlToken token) => token.IsWord("ANALYZE") || token.IsWord("ANALYSE");

    // SET ROLE / SET SESSION AUTHORIZATION change privileges; SET TRANSACTION changes the transaction.
    private static string? SetReason(IReadOnlyList<SqlToken> tokens, int i, int end)
    {
        if (!tokens[i].IsWord("SET") && !tokens[i].IsWord("RESET"))
        {
            return null;
        }

        for (var k = i + 1; k < end && k <= i + 3; k++)
        {
            if (tokens[k].IsWord("ROLE") || tokens[k].IsWord("AUTHORIZATION"))
            {
                return GateReasons.Permission;
            }

            if (tokens[k].IsWord("TRANSACTION") || tokens[k].IsWord("CHARACTERISTICS"))
            {
                return GateReasons.TransactionControl;
            }
        }

        return null;
    }
}
