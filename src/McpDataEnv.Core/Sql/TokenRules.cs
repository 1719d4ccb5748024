using McpDataEnv.Core.Sql.Lexing;

namespace McpDataEnv.Core.Sql;

/// <summary>
/// The gate's primary rules over the dialect-exact token stream: one statement, a query head, and
/// no keyword or function anywhere that writes, changes the schema, session or transaction, or locks.
/// </summary>
internal static class TokenRules
{
    /// <summary>The refusal for these tokens, or null when they form exactly one read-only query.</summary>
    public static GateVerdict? Check(IReadOnlyList<SqlToken> tokens, SqlDialect dialect)
    {
        var end = StatementEnd(tokens, out var refusal);
        if (refusal is not null)
        {
            return refusal;
        }

        if (end == 0)
        {
            return GateVerdict.Refused(GateReasons.Empty, "The text holds no statement, only comments or ';'. Send one SELECT query.");
        }

        return QueryHead.Check(tokens, end, dialect) ?? CheckBody(tokens, end, dialect);
    }

    /// <summary>Index of the first ';' (or the token count); refuses anything significant after it.</summary>
    private static int StatementEnd(IReadOnlyList<SqlToken> tokens, out GateVerdict? refusal)
    {
        refusal = null;
        var first = -1;
        var statements = 0;
        var semicolons = 0;
        var open = false;
        for (var i = 0; i < tokens.Count; i++)
        {
            if (tokens[i].Kind == SqlTokenKind.Semicolon)
            {
                first = first < 0 ? i : first;
                semicolons++;
                open = false;
            }
            else if (!open)
            {
                open = true;
                statements++;
            }
        }

        if (statements > 1 || semicolons > 1)
        {
            refusal = GateMessages.MultipleStatements(statements);
        }

        return first < 0 ? tokens.Count : first;
    }

    private static GateVerdict? CheckBody(IReadOnlyList<SqlToken> tokens, int end, SqlDialect dialect)
    {
        for (var i = 0; i < end; i++)
        {
            var token = tokens[i];
            if (token.Kind == SqlTokenKind.Parameter)
            {
                return GateMessages.Syntax(
                    $"Bind parameters such as {token.Text} are not supported. Write the literal values into the query.");
            }

            if (token.Kind == SqlTokenKind.Word && !IsMemberOrAlias(tokens, i))
            {
                if (token.IsWord("FOR") && LockingClause(tokens, i + 1, end) is { } clause)
                {
                    return GateMessages.Refuse(GateReasons.Locking, clause);
                }

                if (StatementKeywords.ForAnywhere(token.Text) is { } reason)
                {
                    return GateMessages.Refuse(reason, token.Text.ToUpperInvariant());
                }
            }

            if (token.IsName && i + 1 < end && tokens[i + 1].Kind == SqlTokenKind.OpenParen)
            {
                if (ForbiddenFunctions.IsForbidden(token.Text, dialect))
                {
                    return GateMessages.Refuse(GateReasons.ForbiddenFunction, token.Text.ToLowerInvariant());
                }

                // SQLite's pragma table-valued functions (pragma_table_info(...)) are PRAGMA in a SELECT's clothes.
                if (dialect == SqlDialect.Sqlite && token.Text.StartsWith("pragma_", StringComparison.OrdinalIgnoreCase))
                {
                    return GateMessages.Refuse(GateReasons.Pragma, token.Text.ToLowerInvariant() + "()");
                }
            }
        }

        return null;
    }

    // "t.delete" is a column and "AS update" an alias; neither is a statement keyword.
    private static bool IsMemberOrAlias(IReadOnlyList<SqlToken> tokens, int i) =>
        i > 0 && (tokens[i - 1].Kind == SqlTokenKind.Dot || tokens[i - 1].IsWord("AS"));

    private static string? LockingClause(IReadOnlyList<SqlToken> tokens, int i, int end)
    {
        bool At(int k, string word) => k < end && tokens[k].IsWord(word);
        return At(i, "UPDATE") ? "FOR UPDATE"
            : At(i, "SHARE") ? "FOR SHARE"
            : At(i, "NO") && At(i + 1, "KEY") && At(i + 2, "UPDATE") ? "FOR NO KEY UPDATE"
            : At(i, "KEY") && At(i + 1, "SHARE") ? "FOR KEY SHARE"
            : null;
    }
}
