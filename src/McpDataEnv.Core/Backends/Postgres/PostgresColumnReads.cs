namespace McpDataEnv.Core.Backends.Postgres;

/// <summary>
/// Turns a verbose plan into the columns it reads per base relation. Two sources, both from the engine's
/// own deparse: <c>alias.column</c> in any expression of any node (verbose plans qualify columns whenever
/// more than one range-table entry exists), and bare identifiers in a scan node's own expressions (a
/// single-relation plan writes its output list unqualified) — the caller intersects those
/// <see cref="PostgresColumnRead.Bare"/> candidates with the relation's real columns. <c>alias.*</c>
/// (whole-row references such as <c>SELECT c FROM customers c</c>) is reported as column <c>*</c>.
/// </summary>
internal static class PostgresColumnReads
{
    public static Dictionary<PostgresRelation, PostgresColumnRead> From(PostgresPlan plan)
    {
        var reads = new Dictionary<PostgresRelation, PostgresColumnRead>();
        foreach (var relation in plan.ScansByAlias.Values) reads.TryAdd(relation, new PostgresColumnRead());
        foreach (var expression in plan.Expressions)
        {
            var tokens = PostgresLexer.Tokenize(expression);
            for (var i = 0; i + 2 < tokens.Count; i++)
            {
                if (tokens[i].Kind != PostgresTokenKind.Identifier || !IsDot(tokens[i + 1])) continue;
                if (!plan.ScansByAlias.TryGetValue(tokens[i].Text, out var relation)) continue;
                var next = tokens[i + 2];
                if (next.Kind == PostgresTokenKind.Identifier || next.Text == "*") reads[relation].Qualified.Add(next.Text);
            }
        }
        foreach (var (relation, expression) in plan.ScanExpressions)
        {
            var tokens = PostgresLexer.Tokenize(expression);
            for (var i = 0; i < tokens.Count; i++)
            {
                if (tokens[i].Kind != PostgresTokenKind.Identifier) continue;
                if (i > 0 && IsDot(tokens[i - 1])) continue;
                if (i + 1 < tokens.Count && (IsDot(tokens[i + 1]) || tokens[i + 1].Text == "(")) continue;
                reads[relation].Bare.Add(tokens[i].Text);
            }
        }
        return reads;
    }

    private static bool IsDot(PostgresToken token) => token is { Kind: PostgresTokenKind.Symbol, Text: "." };
}

/// <summary>Columns of one relation a plan reads: certain (qualified) and candidates (bare identifiers).</summary>
internal sealed class PostgresColumnRead
{
    public HashSet<string> Qualified { get; } = new(StringComparer.Ordinal);

    public HashSet<string> Bare { get; } = new(StringComparer.Ordinal);
}
