using System.Text;
using McpDataEnv.Core.Errors;

namespace McpDataEnv.Core.Backends.Postgres;

/// <summary>
/// A lexer that follows PostgreSQL's own rules closely enough to find every identifier that
/// precedes a <c>(</c>: standard strings (no backslash escapes), <c>E''</c> strings, dollar quotes,
/// nested block comments, quoted identifiers. Where it cannot be sure (Unicode-escaped identifiers)
/// it refuses rather than guesses.
/// </summary>
internal static class PostgresLexer
{
    public static List<PostgresToken> Tokenize(string sql)
    {
        var tokens = new List<PostgresToken>();
        var i = 0;
        while (i < sql.Length)
        {
            var c = sql[i];
            if (char.IsWhiteSpace(c)) { i++; continue; }
            if (c == '-' && At(sql, i + 1, '-')) { i = SkipLine(sql, i); continue; }
            if (c == '/' && At(sql, i + 1, '*')) { i = SkipBlockComment(sql, i); continue; }
            if ((c is 'E' or 'e') && At(sql, i + 1, '\'')) { i = SkipQuoted(sql, i + 1, backslashEscapes: true); continue; }
            if ((c is 'U' or 'u') && At(sql, i + 1, '&') && At(sql, i + 2, '"'))
            {
                throw new DataEnvException(ErrorCodes.EngineRefused,
                    "Unicode-escaped identifiers (U&\"...\") are not accepted; write the identifier plainly.");
            }
            if (c == '\'') { i = SkipQuoted(sql, i, backslashEscapes: false); continue; }
            if (c == '$' && TryDollarTag(sql, i, out var tag)) { i = SkipDollar(sql, i, tag); continue; }
            if (c == '"') { i = ReadQuotedIdentifier(sql, i, tokens); continue; }
            if (char.IsLetter(c) || c == '_') { i = ReadIdentifier(sql, i, tokens); continue; }
            if (char.IsDigit(c)) { i = SkipNumber(sql, i); continue; }
            tokens.Add(new PostgresToken(PostgresTokenKind.Symbol, c.ToString()));
            i++;
        }
        return tokens;
    }

    private static bool At(string s, int i, char c) => i < s.Length && s[i] == c;

    // PostgreSQL ends a "--" comment at \n or \r (scan.l: non_newline is [^\n\r]); stopping only at \n would
    // hide a call written after a lone carriage return from this guard while PostgreSQL runs it.
    private static int SkipLine(string s, int i)
    {
        var end = s.IndexOfAny(['\n', '\r'], i);
        return end < 0 ? s.Length : end + 1;
    }

    // PostgreSQL block comments nest.
    private static int SkipBlockComment(string s, int i)
    {
        var depth = 0;
        while (i < s.Length)
        {
            if (s[i] == '/' && At(s, i + 1, '*')) { depth++; i += 2; }
            else if (s[i] == '*' && At(s, i + 1, '/')) { depth--; i += 2; if (depth == 0) return i; }
            else i++;
        }
        return s.Length;
    }

    private static int SkipQuoted(string s, int i, bool backslashEscapes)
    {
        i++;
        while (i < s.Length)
        {
            if (backslashEscapes && s[i] == '\\') { i += 2; continue; }
            if (s[i] == '\'')
            {
                if (At(s, i + 1, '\'')) { i += 2; continue; }
                return i + 1;
            }
            i++;
        }
        return s.Length;
    }

    private static bool TryDollarTag(string s, int i, out string tag)
    {
        tag = "";
        var j = i + 1;
        while (j < s.Length && (char.IsLetterOrDigit(s[j]) || s[j] == '_')) j++;
        if (j >= s.Length || s[j] != '$') return false;
        if (j > i + 1 && char.IsDigit(s[i + 1])) return false; // $1 is a parameter, not a tag
        tag = s[i..(j + 1)];
        return true;
    }

    private static int SkipDollar(string s, int i, string tag)
    {
        var end = s.IndexOf(tag, i + tag.Length, StringComparison.Ordinal);
        return end < 0 ? s.Length : end + tag.Length;
    }

    private static int ReadQuotedIdentifier(string s, int i, List<PostgresToken> tokens)
    {
        var text = new StringBuilder();
        i++;
        while (i < s.Length)
        {
            if (s[i] == '"')
            {
                if (At(s, i + 1, '"')) { text.Append('"'); i += 2; continue; }
                i++;
                break;
            }
            text.Append(s[i++]);
        }
        tokens.Add(new PostgresToken(PostgresTokenKind.Identifier, text.ToString()));
        return i;
    }

    private static int ReadIdentifier(string s, int i, List<PostgresToken> tokens)
    {
        var start = i;
        while (i < s.Length && (char.IsLetterOrDigit(s[i]) || s[i] is '_' or '$')) i++;
        tokens.Add(new PostgresToken(PostgresTokenKind.Identifier, s[start..i].ToLowerInvariant()));
        return i;
    }

    private static int SkipNumber(string s, int i)
    {
        while (i < s.Length && (char.IsLetterOrDigit(s[i]) || s[i] is '.' or '_')) i++;
        return i;
    }
}
