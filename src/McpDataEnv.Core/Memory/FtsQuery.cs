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

    private static readonly HashSet<string> StopWords = new(
        """
        a an and are as at be been but by can did do does for from had has have how i in into is it its me my no not
        of on or our so than that the their them then there these they this to was we were what when where which who
        why will with you your
        """.Split((char[])[' ', '\n', '\r'], StringSplitOptions.RemoveEmptyEntries),
        StringComparer.Ordinal);

    private FtsQuery(IReadOnlyList<string> terms)
    {
        Terms = terms;
        Expression = string.Join(" OR ", terms.Select(t => "\"" + t + "\""));
    }

    /// <summary>The distinct terms, lower-cased, without any quote characters.</summary>
    public IReadOnlyList<string> Terms { get; }

    /// <summary>The MATCH expression to bind as a parameter.</summary>
    public string Expression { get; }

    /// <summary>The same search restricted to <paramref name="terms"/> (a subset of <see cref="Terms"/>).</summary>
    internal FtsQuery WithTerms(IReadOnlyList<string> terms) => new(terms);

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
        if (terms.Count == 0)
        {
            return null;
        }

        // Stop words match nearly every passage: they cost bm25 time and add no ranking signal. Kept if nothing else is left.
        var meaningful = terms.Where(t => !StopWords.Contains(t)).ToList();
        return new FtsQuery((meaningful.Count > 0 ? meaningful : terms).Take(MaxTerms).ToList());
    }

    private static void Flush(StringBuilder current, List<string> terms)
    {
        if (current.Length == 0)
        {
            return;
        }

        var term = current.Length > MaxTermLength ? current.ToString(0, MaxTermLength) : current.ToString();
        current.Clear();
        if (terms.Count < MaxTerms * 4 && !terms.Contains(term, StringComparer.Ordinal))
        {
            terms.Add(term);
        }
    }
}
