using Microsoft.SqlServer.TransactSql.ScriptDom;

namespace McpDataEnv.Core.Sql;

/// <summary>Counts ';'-separated statements in a ScriptDom token stream (works even when the parse failed).</summary>
internal static class TSqlStatementCounter
{
    public static int Count(IList<TSqlParserToken> tokens)
    {
        var statements = 0;
        var open = false;
        foreach (var token in tokens)
        {
            switch (token.TokenType)
            {
                case TSqlTokenType.WhiteSpace or TSqlTokenType.SingleLineComment
                    or TSqlTokenType.MultilineComment or TSqlTokenType.EndOfFile:
                    break;
                case TSqlTokenType.Semicolon:
                    open = false;
                    break;
                default:
                    statements += open ? 0 : 1;
                    open = true;
                    break;
            }
        }

        return statements;
    }
}
