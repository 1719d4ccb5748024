namespace McpDataEnv.ScriptHost;

/// <summary>
/// A cheap upper bound of how deeply script source nests brackets, so pathological nesting is refused
/// before Jint's recursive-descent parser and interpreter walk it.
/// </summary>
internal static class SourceNesting
{
    public const int MaxDepth = 400;

    public static int Measure(string code)
    {
        int depth = 0, max = 0;
        char quote = '\0';
        for (var i = 0; i < code.Length; i++)
        {
            var c = code[i];
            if (quote != '\0')
            {
                if (c == '\\') i++;
                else if (c == quote || c == '\n') quote = '\0';
                continue;
            }
            if (c == '/' && i + 1 < code.Length && code[i + 1] == '/') { i = SkipTo(code, i, "\n"); continue; }
            if (c == '/' && i + 1 < code.Length && code[i + 1] == '*') { i = SkipTo(code, i + 2, "*/"); continue; }
            switch (c)
            {
                case '\'' or '"' or '`': quote = c; break;
                case '(' or '[' or '{': max = Math.Max(max, ++depth); break;
                case ')' or ']' or '}': depth = Math.Max(0, depth - 1); break;
            }
        }
        return max;
    }

    private static int SkipTo(string code, int from, string end)
    {
        var at = code.IndexOf(end, from, StringComparison.Ordinal);
        return at < 0 ? code.Length : at + end.Length - 1;
    }
}
