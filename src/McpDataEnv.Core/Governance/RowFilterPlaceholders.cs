using System.Text.RegularExpressions;

namespace McpDataEnv.Core.Governance;

/// <summary>Finds and binds <c>:attr</c> placeholders in row-filter predicates.</summary>
/// <remarks>Quoted literals are skipped, and <c>::type</c> casts are not placeholders.</remarks>
internal static partial class RowFilterPlaceholders
{
    public static IEnumerable<string> Names(string predicate) =>
        Tokens().Matches(predicate).Where(m => m.Groups["name"].Success).Select(m => m.Groups["name"].Value);

    /// <summary>Replaces each placeholder with its attribute as a SQL string literal.</summary>
    public static string Bind(string predicate, IReadOnlyDictionary<string, string> attributes) =>
        Tokens().Replace(predicate, m =>
            m.Groups["name"].Success && attributes.TryGetValue(m.Groups["name"].Value, out var value)
                ? SqlLiteral.Quote(value)
                : m.Value);

    /// <summary>Replaces each placeholder with SQL of the caller's choosing (e.g. a session-setting lookup).</summary>
    public static string Replace(string predicate, Func<string, string> replacement) =>
        Tokens().Replace(predicate, m => m.Groups["name"].Success ? replacement(m.Groups["name"].Value) : m.Value);

    [GeneratedRegex(@"'(?:[^']|'')*'|""(?:[^""]|"""")*""|::|(?<![\w:]):(?<name>[A-Za-z_][A-Za-z0-9_]*)")]
    private static partial Regex Tokens();
}
