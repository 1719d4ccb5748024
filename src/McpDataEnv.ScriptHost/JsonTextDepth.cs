namespace McpDataEnv.ScriptHost;

/// <summary>Measures the bracket nesting of JSON text before Jint's recursive parser sees it.</summary>
internal static class JsonTextDepth
{
    /// <summary>True when <paramref name="json"/> nests objects/arrays at most <paramref name="maxDepth"/> levels.</summary>
    public static bool IsWithin(string json, int maxDepth)
    {
        var depth = 0;
        var inString = false;
        for (var i = 0; i < json.Length; i++)
        {
            var c = json[i];
            if (inString)
            {
                if (c == '\\') i++;
                else if (c == '"') inString = false;
                continue;
            }
            switch (c)
            {
                case '"': inString = true; break;
                case '[' or '{' when ++depth > maxDepth: return false;
                case ']' or '}': depth--; break;
            }
        }
        return true;
    }
}
