namespace McpDataEnv.Core.Backends.Postgres;

/// <summary>
/// Turns a verbose plan into the (relation, column) pairs it reads: every <c>alias.column</c> in any
/// expression of any node whose alias belongs to a base-relation scan. <c>alias.*</c> (whole-row
/// references such as <c>SELECT c FROM customers c</c> or <c>row_to_json(c)</c>) is reported as column
/// <c>*</c>, for the caller to expand to every column.
/// </summary>
internal static class PostgresColumnReads
{
    public static IReadOnlyDictionary<PostgresRelation, HashSet<string>> From(PostgresPlan plan)
    {
        var reads = new Dictionary<PostgresRelation, HashSet<string>>();
        foreach (var relation in plan.ScansByAlias.Values)
        {
            if (!reads.ContainsKey(relation)) reads[relation] = new HashSet<string>(StringComparer.Ordinal);
        }
        foreach (var expression in plan.Expressions)
        {
            var tokens = PostgresLexer.Tokenize(expression);
            for (var i = 0; i + 2 < tokens.Count; i++)
            {
                if (tokens[i].Kind != PostgresTokenKind.Identifier || tokens[i + 1].Text != "." ) continue;
                if (tokens[i + 1].Kind != PostgresTokenKind.Symbol) continue;
                if (!plan.ScansByAlias.TryGetValue(tokens[i].Text, out var relation)) continue;
                var next = tokens[i + 2];
                if (next.Kind == PostgresTokenKind.Identifier || next.Text == "*") reads[relation].Add(next.Text);
            }
        }
        return reads;
    }
}
