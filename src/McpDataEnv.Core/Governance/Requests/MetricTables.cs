using McpDataEnv.Core.Sql;
using McpDataEnv.Core.Sql.Lexing;

namespace McpDataEnv.Core.Governance.Requests;

/// <summary>The tables a canonical metric's SQL names after FROM or JOIN, so its plan covers them.</summary>
internal static class MetricTables
{
    public static IEnumerable<string> Of(string sql)
    {
        var tokens = SqlLexer.Tokenize(sql, SqlDialect.Sqlite).Tokens;
        for (var i = 0; i + 1 < tokens.Count; i++)
        {
            if ((tokens[i].IsWord("from") || tokens[i].IsWord("join")) && tokens[i + 1].IsName)
            {
                yield return tokens[i + 1].Text;
            }
        }
    }
}
