using System.Text.RegularExpressions;

namespace McpDataEnv.ScriptHost;

/// <summary>Turns a parse failure caused by ES2015+ syntax into advice for rewriting it in ES5.1.</summary>
/// <remarks>The hint text reaches the model verbatim.</remarks>
internal static partial class Es5Hints
{
    private static readonly (Regex Pattern, string Hint)[] Rules =
    [
        (Arrow(), "Arrow functions are not supported (ES5.1): write function (x) { return x * 2; } instead of x => x * 2."),
        (Template(), "Template literals are not supported (ES5.1): use 'a' + x + 'b' instead of `a${x}b`."),
        (ClassDecl(), "Classes are not supported (ES5.1): use a constructor function and its prototype."),
        (ForOf(), "for...of is not supported (ES5.1): use for (var i = 0; i < arr.length; i++) { var x = arr[i]; } or arr.forEach(function (x) { ... })."),
        (Spread(), "Spread/rest (...) is not supported (ES5.1): use fn.apply(null, arr), arr.concat(other) or the arguments object."),
        (Destructuring(), "Destructuring is not supported (ES5.1): write var a = obj.a; var b = obj.b;."),
        (AsyncAwait(), "async/await and Promises are not supported: sql(query) is synchronous, just call it."),
        (DefaultParam(), "Default parameter values are not supported (ES5.1): write if (x === undefined) { x = 1; } in the body."),
    ];

    public static string? For(string code)
    {
        foreach (var (pattern, hint) in Rules)
        {
            try
            {
                if (pattern.IsMatch(code)) return hint;
            }
            catch (RegexMatchTimeoutException)
            {
                return null;
            }
        }
        return null;
    }

    [GeneratedRegex(@"(\w|\))\s*=>", RegexOptions.None, 500)] private static partial Regex Arrow();
    [GeneratedRegex(@"`", RegexOptions.None, 500)] private static partial Regex Template();
    [GeneratedRegex(@"\bclass\s+[A-Za-z_$]", RegexOptions.None, 500)] private static partial Regex ClassDecl();
    [GeneratedRegex(@"\bfor\s*\(\s*(var|let|const)?\s*[\w$]+\s+of\b", RegexOptions.None, 500)] private static partial Regex ForOf();
    [GeneratedRegex(@"\.\.\.\s*[\w$\[]", RegexOptions.None, 500)] private static partial Regex Spread();
    [GeneratedRegex(@"\b(var|let|const)\s*[\[{]", RegexOptions.None, 500)] private static partial Regex Destructuring();
    [GeneratedRegex(@"\b(async\s+function|await\s)|\bnew\s+Promise\b", RegexOptions.None, 500)] private static partial Regex AsyncAwait();
    [GeneratedRegex(@"function\s*[\w$]*\s*\([^)]*=", RegexOptions.None, 500)] private static partial Regex DefaultParam();
}
