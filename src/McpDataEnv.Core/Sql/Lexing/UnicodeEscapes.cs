using System.Globalization;
using System.Text;

namespace McpDataEnv.Core.Sql.Lexing;

/// <summary>Decodes PostgreSQL <c>U&amp;"..."</c> escapes (<c>\XXXX</c>, <c>\+XXXXXX</c>, doubled escape).</summary>
internal static class UnicodeEscapes
{
    /// <summary>The decoded text, or null when an escape is malformed (PostgreSQL rejects those too).</summary>
    public static string? Decode(string raw, char escape)
    {
        if (raw.IndexOf(escape) < 0)
        {
            return raw;
        }

        var sb = new StringBuilder(raw.Length);
        for (var i = 0; i < raw.Length; i++)
        {
            if (raw[i] != escape)
            {
                sb.Append(raw[i]);
                continue;
            }

            if (i + 1 < raw.Length && raw[i + 1] == escape)
            {
                sb.Append(escape);
                i++;
                continue;
            }

            var plus = i + 1 < raw.Length && raw[i + 1] == '+';
            var digits = plus ? 6 : 4;
            var start = i + (plus ? 2 : 1);
            if (start + digits > raw.Length
                || !int.TryParse(raw.AsSpan(start, digits), NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture, out var code)
                || code > 0x10FFFF || code is >= 0xD800 and <= 0xDFFF)
            {
                return null;
            }

            sb.Append(char.ConvertFromUtf32(code));
            i = start + digits - 1;
        }

        return sb.ToString();
    }
}
