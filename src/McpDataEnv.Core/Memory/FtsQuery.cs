using System.Text;

namespace McpDataEnv.Core.Memory;

/// <summary>
/// Free text turned into a safe FTS5 MATCH expression: every term is a quoted string joined by OR,
/// so operators, quotes and parentheses in user text (<c>AND OR NEAR(</c>, <c>revenue "2024</c>) are plain words.
/// </summary>
/// <remarks>OR (not AND) so a passage matching more, or rarer, terms ranks higher under bm25 instead of being dropped.</remarks>
public sealed class FtsQuery
{
    public const int MaxTerms = 16;
    public const int MaxTermLength = 64;

    private FtsQuery(IReadOnlyList<string> terms)
    {
        Terms = terms;
        Expression = string.Join(" OR ", terms.Select(t => "\"" + t + "\""));
    }

    /// <summary>The distinct terms, lower-cased, without any quote characters.</summary>
    public IReadOnlyList<string> Terms { get; }

    /// <summary>The MATCH expression to bind as a parameter.</summary>
    public string Expression { get; }

    /// <summary>Null when the text holds no searchable term (empty, only punctuation).</summary>
    public static FtsQuery? Parse(string? text)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return null;
        }

        var terms = new List<string>();
        var current = new StringBuilder();
        foreach (var ch in text)
        {
            if (char.IsLetterOrDigit(ch))
            {
                current.Append(char.ToLowerInvariant(ch));
                continue;
            }

            Flush(current, terms);
        }

        Flush(current, terms);
        return terms.Count == 0 ? null : new FtsQuery(terms);
    }

    private static void Flush(StringBuilder current, List<string> terms)
    {
        if (current.Length == 0)
        {
            return;
        }

        var term = current.Length > MaxTermLength ? current.ToString(0, MaxTermLength) : current.ToString();
        current.Clear();
        if (terms.Count < MaxTerms && !terms.Contains(term, StringComparer.Ordinal))
        {
            terms.Add(term);
        }
    }
}
