using System.Text;
using McpDataEnv.Core.Sql.Lexing;

namespace McpDataEnv.Core.Sql;

/// <summary>
/// The text with its plain literals blanked: every <c>'...'</c> becomes <c>''</c> and every short unsigned integer
/// without a leading zero becomes <c>1</c>. Two texts with the same shape differ only inside literals whose boundaries T-SQL and
/// the dialect lexer agree on, so ScriptDom splits and parses them alike and its verdict on one holds for the other.
/// That is what lets the gate skip ScriptDom for a query it has seen with other values (the common way a model
/// iterates), while trivia, identifiers, operators and every other literal stay verbatim in the key.
/// </summary>
internal static class LiteralShape
{
    /// <summary>The shape of <paramref name="sql"/>, or <paramref name="sql"/> itself when nothing is blanked.</summary>
    public static string Of(string sql, IReadOnlyList<(int Start, int Length)> plainLiterals)
    {
        if (plainLiterals.Count == 0)
        {
            return sql;
        }

        var shape = new StringBuilder(sql.Length);
        var copied = 0;
        foreach (var (start, length) in plainLiterals)
        {
            shape.Append(sql, copied, start - copied);
            shape.Append(sql[start] == '\'' ? "''" : "1");
            copied = start + length;
        }

        return shape.Append(sql, copied, sql.Length - copied).ToString();
    }
}
