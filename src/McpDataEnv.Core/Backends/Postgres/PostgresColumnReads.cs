using McpDataEnv.Core.Sql.Lexing;

namespace McpDataEnv.Core.Backends.Postgres;

/// <summary>
/// Turns a verbose plan into the columns it reads per base relation. Two sources, both from the engine's
/// own deparse: <c>alias.column</c> in any expression of any node (verbose plans qualify columns whenever
/// more than one range-table entry exists), and bare identifiers in a scan node's own expressions (a
/// single-relation plan writes its output list unqualified) — the caller intersects those
/// <see cref="PostgresColumnRead.Bare"/> candidates with the relation's real columns. <c>alias.*</c>
/// (whole-row references such as <c>SELECT c FROM customers c</c>) is reported as column <c>*</c>.
/// </summary>
/// <remarks>
/// A node that feeds its parent (<c>Outer</c>/<c>Inner</c>) with a relation's complete physical row in column
/// order is not evidence of reading every column: PostgreSQL emits that "physical target list" to save a
/// projection, and the consuming parent names the columns it uses in its own expressions. Taking it literally
/// made <c>SELECT count(*) FROM customers WHERE churned_on IS NULL</c> look like a read of <c>email</c>. The
/// plan's root, subplan and subquery roots and <c>Append</c> members are always taken literally, and in a plan
/// with a single base relation (where the engine writes columns unqualified everywhere) the bare identifiers of
/// every node count, so a column consumed above a skipped list is still seen.
/// </remarks>
internal static class PostgresColumnReads
{
    public static Dictionary<PostgresRelation, PostgresColumnRead> From(PostgresPlan plan, IReadOnlyDictionary<PostgresRelation, List<string>> columns)
    {
        var reads = new Dictionary<PostgresRelation, PostgresColumnRead>();
        foreach (var relation in plan.ScansByAlias.Values) reads.TryAdd(relation, new PostgresColumnRead());
        var skipped = PhysicalRows(plan, columns);
        for (var index = 0; index < plan.Expressions.Count; index++)
        {
            if (skipped.Contains(index)) continue;
            var tokens = plan.ExpressionTokens[index];
            for (var i = 0; i + 2 < tokens.Count; i++)
            {
                if (tokens[i + 1].Kind != SqlTokenKind.Dot || PostgresTokens.Name(tokens[i]) is not { } alias) continue;
                if (!plan.ScansByAlias.TryGetValue(alias, out var relation)) continue;
                var next = tokens[i + 2];
                if (PostgresTokens.Name(next) is { } column) reads[relation].Qualified.Add(column);
                else if (next is { Kind: SqlTokenKind.Operator, Text: "*" }) reads[relation].Qualified.Add("*");
            }
        }
        var single = plan.ScansByAlias.Values.Distinct().Count() == 1 ? plan.ScansByAlias.Values.First() : null;
        var bareSources = single is not null
            ? Enumerable.Range(0, plan.Expressions.Count).Select(i => (Relation: single, Index: i))
            : plan.ScanExpressions;
        foreach (var (relation, index) in bareSources)
        {
            if (skipped.Contains(index)) continue;
            var tokens = plan.ExpressionTokens[index];
            for (var i = 0; i < tokens.Count; i++)
            {
                if (PostgresTokens.Name(tokens[i]) is not { } name) continue;
                if (i > 0 && tokens[i - 1].Kind == SqlTokenKind.Dot) continue;
                if (i + 1 < tokens.Count && tokens[i + 1].Kind is SqlTokenKind.Dot or SqlTokenKind.OpenParen) continue;
                reads[relation].Bare.Add(name);
            }
        }
        return reads;
    }

    /// <summary>Indexes of child Output lists that are exactly one scanned relation's physical row.</summary>
    private static HashSet<int> PhysicalRows(PostgresPlan plan, IReadOnlyDictionary<PostgresRelation, List<string>> columns)
    {
        var skipped = new HashSet<int>();
        foreach (var (start, count) in plan.ChildOutputs)
        {
            var items = plan.Expressions.GetRange(start, count);
            foreach (var (alias, relation) in plan.ScansByAlias)
            {
                if (!columns.TryGetValue(relation, out var all) || all.Count != count) continue;
                if (items.Select((item, i) => item == all[i] || item == alias + "." + all[i]).All(match => match))
                {
                    skipped.UnionWith(Enumerable.Range(start, count));
                    break;
                }
            }
        }
        return skipped;
    }
}

/// <summary>Columns of one relation a plan reads: certain (qualified) and candidates (bare identifiers).</summary>
internal sealed class PostgresColumnRead
{
    public HashSet<string> Qualified { get; } = new(StringComparer.Ordinal);

    public HashSet<string> Bare { get; } = new(StringComparer.Ordinal);
}
