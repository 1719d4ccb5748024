namespace McpDataEnv.Core.Backends.Sqlite;

/// <summary>Decides whether the text SQLite left after the first statement holds another statement.</summary>
internal static class SqliteStatementTail
{
    /// <summary>True when the tail is only whitespace, semicolons and comments.</summary>
    public static bool IsBlank(string? tail)
    {
        var text = tail.AsSpan();
        var i = 0;
        while (i < text.Length)
        {
            if (char.IsWhiteSpace(text[i]) || text[i] == ';')
            {
                i++;
            }
            else if (text[i..].StartsWith("--"))
            {
                var end = text[i..].IndexOf('\n');
                i = end < 0 ? text.Length : i + end + 1;
            }
            else if (text[i..].StartsWith("/*"))
            {
                // SQLite accepts an unterminated block comment at the very end, so do we.
                var end = text[(i + 2)..].IndexOf("*/");
                i = end < 0 ? text.Length : i + 2 + end + 2;
            }
            else
            {
                return false;
            }
        }

        return true;
    }
}
