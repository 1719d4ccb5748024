namespace McpDataEnv.Core.Sql.Lexing;

/// <summary>
/// A dialect-exact tokenizer for SQLite and PostgreSQL. It decides what is string, comment or quoted
/// identifier exactly as the engine does, because that decides where statements end. ScriptDom's
/// T-SQL tokenizer cannot do this alone: it reads <c>E'\''</c>, <c>$$...$$</c> and backticks differently,
/// and those differences are exactly where a hidden second statement could live.
/// </summary>
internal sealed class SqlLexer
{
    // Nine digits always fit T-SQL's int, so blanking such a literal never changes its token type there.
    private const int MaxPlainIntegerDigits = 9;
    private readonly string _s;
    private readonly bool _pg;
    private readonly List<SqlToken> _tokens = new(32);
    private readonly List<(int Index, string Raw)> _unicodeIdentifiers = new();
    private readonly List<(int Start, int Length)> _plainLiterals = new();
    private int _i;
    private bool _dialectOnly;
    private string? _error;

    private SqlLexer(string sql, SqlDialect dialect)
    {
        _s = sql;
        _pg = dialect == SqlDialect.Postgres;
    }

    public static LexResult Tokenize(string sql, SqlDialect dialect) => new SqlLexer(sql, dialect).Run();

    private LexResult Run()
    {
        while (_i < _s.Length && _error is null)
        {
            Step();
        }

        if (_error is null)
        {
            DecodeUnicodeIdentifiers();
        }

        return _error is null
            ? new LexResult(_tokens, null, _dialectOnly) { PlainLiterals = _plainLiterals }
            : new LexResult([], _error, _dialectOnly);
    }

    private void Step()
    {
        var c = _s[_i];
        var next = _i + 1 < _s.Length ? _s[_i + 1] : '\0';
        switch (c)
        {
            case ' ' or '\t' or '\n' or '\r' or '\f': _i++; return;
            case '-' when next == '-': LineComment(); return;
            case '/' when next == '*': BlockComment(); return;
            case '\'': PlainString(); return;
            case '"': _i++; Quoted('"', SqlTokenKind.QuotedIdentifier, backslashEscapes: false); return;
            case '`' when !_pg: _dialectOnly = true; _i++; Quoted('`', SqlTokenKind.QuotedIdentifier, false); return;
            case '[' when !_pg: Bracketed(); return;
            case '$' when _pg: Dollar(); return;
            case '?' or ':' or '@' or '$' or '#' when !_pg: Add(SqlTokenKind.Parameter, c.ToString()); _i++; return;
            case '(': Add(SqlTokenKind.OpenParen, "("); _i++; return;
            case ')': Add(SqlTokenKind.CloseParen, ")"); _i++; return;
            case ';': Add(SqlTokenKind.Semicolon, ";"); _i++; return;
            case ',': Add(SqlTokenKind.Comma, ","); _i++; return;
            case '.' when !char.IsAsciiDigit(next): Add(SqlTokenKind.Dot, "."); _i++; return;
        }

        if (char.IsAsciiDigit(c) || c == '.')
        {
            Number();
        }
        else if (IsIdentStart(c))
        {
            Word();
        }
        else
        {
            Add(SqlTokenKind.Operator, c.ToString());
            _i++;
        }
    }

    private void LineComment()
    {
        // PostgreSQL ends "--" comments at \n or \r; SQLite only at \n.
        while (_i < _s.Length && _s[_i] != '\n' && !(_pg && _s[_i] == '\r'))
        {
            _dialectOnly |= _s[_i] == '\r';
            _i++;
        }
    }

    private void BlockComment()
    {
        var depth = 0;
        while (_i < _s.Length)
        {
            if (_s[_i] == '/' && _i + 1 < _s.Length && _s[_i + 1] == '*')
            {
                _dialectOnly |= depth > 0;
                depth = _pg || depth == 0 ? depth + 1 : depth;
                _i += 2;
            }
            else if (_s[_i] == '*' && _i + 1 < _s.Length && _s[_i + 1] == '/')
            {
                _i += 2;
                if (--depth == 0)
                {
                    return;
                }
            }
            else
            {
                _i++;
            }
        }

        // SQLite lets an unterminated block comment run to the end of the input; PostgreSQL refuses it.
        _dialectOnly = true;
        _error = _pg ? "The text has an unterminated /* comment. Close it with */." : null;
    }

    private void PlainString()
    {
        var start = _i++;
        Quoted('\'', SqlTokenKind.String, backslashEscapes: false);
        _plainLiterals.Add((start, _i - start));
    }

    private void Quoted(char quote, SqlTokenKind kind, bool backslashEscapes)
    {
        var start = _i;
        var doubled = false;
        while (_i < _s.Length)
        {
            var c = _s[_i];
            if (backslashEscapes && c == '\\')
            {
                _i += 2;
            }
            else if (c == quote && _i + 1 < _s.Length && _s[_i + 1] == quote)
            {
                doubled = true;
                _i += 2;
            }
            else if (c == quote)
            {
                var body = _s.Substring(start, _i - start);
                Add(kind, doubled ? body.Replace(new string(quote, 2), quote.ToString()) : body);
                _i++;
                return;
            }
            else
            {
                _i++;
            }
        }

        _error = kind == SqlTokenKind.String
            ? "The text has an unterminated string literal. Close every ' quote."
            : $"The text has an unterminated quoted identifier. Close every {quote} quote.";
    }

    private void Bracketed()
    {
        // SQLite: [name] ends at the first ']' (no escaping), unlike T-SQL's ']]'.
        _dialectOnly = true;
        var end = _s.IndexOf(']', _i + 1);
        if (end < 0)
        {
            _error = "The text has an unterminated [identifier]. Close it with ].";
            return;
        }

        Add(SqlTokenKind.QuotedIdentifier, _s.Substring(_i + 1, end - _i - 1));
        _i = end + 1;
    }

    private void Dollar()
    {
        var j = _i + 1;
        if (j < _s.Length && char.IsAsciiDigit(_s[j]))
        {
            while (j < _s.Length && char.IsAsciiDigit(_s[j]))
            {
                j++;
            }

            Add(SqlTokenKind.Parameter, _s[_i..j]);
            _i = j;
            return;
        }

        while (j < _s.Length && _s[j] != '$' && IsIdentPart(_s[j]))
        {
            j++;
        }

        if (j >= _s.Length || _s[j] != '$')
        {
            _error = "The text has a stray '$'. Use $tag$...$tag$ for dollar quoting, or a normal 'string'.";
            return;
        }

        var delimiter = _s.Substring(_i, j + 1 - _i);
        var close = _s.IndexOf(delimiter, j + 1, StringComparison.Ordinal);
        if (close < 0)
        {
            _error = $"The text has an unterminated dollar-quoted string. Close it with {delimiter}.";
            return;
        }

        _dialectOnly = true;
        Add(SqlTokenKind.String, _s.Substring(j + 1, close - j - 1));
        _i = close + delimiter.Length;
    }

    private void Number()
    {
        var j = _i;
        SkipDigits(ref j);
        if (j < _s.Length && _s[j] == '.')
        {
            j++;
            SkipDigits(ref j);
        }

        // An exponent only counts when digits follow: "1into" is the number 1 then the keyword INTO.
        if (j < _s.Length && (_s[j] is 'e' or 'E'))
        {
            var k = j + 1;
            if (k < _s.Length && _s[k] is '+' or '-')
            {
                k++;
            }

            if (k < _s.Length && char.IsAsciiDigit(_s[k]))
            {
                j = k;
                SkipDigits(ref j);
            }
        }

        Add(SqlTokenKind.Number, _s[_i..j]);
        // A leading zero stays: blanking 07 to 1 is harmless, but T-SQL reads a following x1F after a 0 as binary.
        if (j - _i <= MaxPlainIntegerDigits && _s[_i] != '0' && _s.AsSpan(_i, j - _i).IndexOfAnyExceptInRange('0', '9') < 0)
        {
            _plainLiterals.Add((_i, j - _i));
        }

        _i = j;
    }

    private void Word()
    {
        var j = _i + 1;
        while (j < _s.Length && IsIdentPart(_s[j]))
        {
            j++;
        }

        var word = _s[_i..j];
        _i = j;
        var quoteNext = _i < _s.Length ? _s[_i] : '\0';
        if (_pg && quoteNext == '\'' && word is "E" or "e")
        {
            _dialectOnly = true;
            _i++;
            Quoted('\'', SqlTokenKind.String, backslashEscapes: true);
        }
        else if (_pg && word is "U" or "u" && quoteNext == '&' && _i + 1 < _s.Length && _s[_i + 1] is '\'' or '"')
        {
            _dialectOnly = true;
            var quote = _s[_i + 1];
            _i += 2;
            Quoted(quote, quote == '"' ? SqlTokenKind.QuotedIdentifier : SqlTokenKind.String, backslashEscapes: false);
            if (quote == '"' && _error is null)
            {
                _unicodeIdentifiers.Add((_tokens.Count - 1, _tokens[^1].Text));
            }
        }
        else
        {
            Add(SqlTokenKind.Word, word);
        }
    }

    private void DecodeUnicodeIdentifiers()
    {
        // Backwards, so removing a UESCAPE clause does not shift the indexes still to visit.
        for (var n = _unicodeIdentifiers.Count - 1; n >= 0; n--)
        {
            var (index, raw) = _unicodeIdentifiers[n];
            var custom = index + 2 < _tokens.Count && _tokens[index + 1].IsWord("UESCAPE")
                && _tokens[index + 2] is { Kind: SqlTokenKind.String, Text.Length: 1 };
            var decoded = UnicodeEscapes.Decode(raw, custom ? _tokens[index + 2].Text[0] : '\\');
            if (decoded is null)
            {
                _error = "The text has an invalid Unicode escape in a U&\"...\" identifier.";
                return;
            }

            _tokens[index] = new SqlToken(SqlTokenKind.QuotedIdentifier, decoded);
            if (custom)
            {
                _tokens.RemoveRange(index + 1, 2);
            }
        }
    }

    private void SkipDigits(ref int j)
    {
        while (j < _s.Length && char.IsAsciiDigit(_s[j]))
        {
            j++;
        }
    }

    private void Add(SqlTokenKind kind, string text) => _tokens.Add(new SqlToken(kind, text));

    private static bool IsIdentStart(char c) => char.IsAsciiLetter(c) || c == '_' || c >= '\u0080';

    private static bool IsIdentPart(char c) => IsIdentStart(c) || char.IsAsciiDigit(c) || c == '$';
}
