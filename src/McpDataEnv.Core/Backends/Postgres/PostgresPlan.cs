using System.Text.Json;

namespace McpDataEnv.Core.Backends.Postgres;

/// <summary>
/// What PostgreSQL's own <c>EXPLAIN (VERBOSE, FORMAT JSON)</c> says a statement does: which base relations
/// it scans (with the alias the plan gives each scan), every expression the plan evaluates (in verbose mode
/// each column is written <c>alias.column</c>, whole rows <c>alias.*</c>), the functions it calls, and
/// whether it modifies or locks rows.
/// </summary>
internal sealed class PostgresPlan
{
    private static readonly HashSet<string> NonExpressionKeys = new(StringComparer.Ordinal)
    {
        "Node Type", "Relation Name", "Schema", "Alias", "Index Name", "CTE Name", "Subplan Name",
        "Parent Relationship", "Strategy", "Join Type", "Scan Direction", "Partial Mode", "Command",
        "Operation", "Function Name", "Sort Method", "Sort Space Type",
    };

    public Dictionary<string, PostgresRelation> ScansByAlias { get; } = new(StringComparer.Ordinal);

    public List<string> Expressions { get; } = [];

    /// <summary>The tokens of each of <see cref="Expressions"/>, lexed once (<see cref="PostgresTokens"/>).</summary>
    public List<IReadOnlyList<Sql.Lexing.SqlToken>> ExpressionTokens { get; } = [];

    /// <summary>Expressions of each scan node itself (indexes into <see cref="Expressions"/>): a single-relation
    /// plan writes its columns unqualified there.</summary>
    public List<(PostgresRelation Relation, int Index)> ScanExpressions { get; } = [];

    /// <summary>
    /// The <c>Output</c> list of every node feeding its parent inside the same plan tree (parent relationship
    /// <c>Outer</c> or <c>Inner</c>), as a range of <see cref="Expressions"/>. When such a list is a relation's
    /// complete physical row, PostgreSQL chose it to avoid a projection; the parent's own expressions say which
    /// columns are really used (see <see cref="PostgresColumnReads"/>).
    /// </summary>
    public List<(int Start, int Count)> ChildOutputs { get; } = [];

    public HashSet<string> FunctionNames { get; } = new(StringComparer.Ordinal);

    public HashSet<string> NodeTypes { get; } = new(StringComparer.Ordinal);

    public static PostgresPlan Parse(string explainJson)
    {
        using var doc = JsonDocument.Parse(explainJson);
        var plan = new PostgresPlan();
        foreach (var statement in doc.RootElement.EnumerateArray())
        {
            plan.Visit(statement.GetProperty("Plan"));
        }
        foreach (var expression in plan.Expressions)
        {
            var tokens = PostgresTokens.Of(expression);
            plan.ExpressionTokens.Add(tokens);
            plan.FunctionNames.UnionWith(PostgresFunctionCalls.Find(tokens));
        }
        return plan;
    }

    private void Visit(JsonElement node)
    {
        var first = Expressions.Count;
        if (node.TryGetProperty("Node Type", out var type)) NodeTypes.Add(type.GetString()!);
        PostgresRelation? scanned = null;
        if (node.TryGetProperty("Relation Name", out var relation))
        {
            var alias = node.TryGetProperty("Alias", out var a) ? a.GetString()! : relation.GetString()!;
            var schema = node.TryGetProperty("Schema", out var s) ? s.GetString()! : "";
            ScansByAlias[alias] = scanned = new PostgresRelation(schema, relation.GetString()!);
        }
        if (node.TryGetProperty("Function Name", out var function)) FunctionNames.Add(function.GetString()!);
        var feedsParent = node.TryGetProperty("Parent Relationship", out var parent) && parent.GetString() is "Outer" or "Inner";
        foreach (var property in node.EnumerateObject())
        {
            if (property.Name == "Plans" || NonExpressionKeys.Contains(property.Name)) continue;
            var start = Expressions.Count;
            CollectStrings(property.Value);
            if (feedsParent && property.Name == "Output") ChildOutputs.Add((start, Expressions.Count - start));
        }
        if (scanned is not null)
        {
            for (var i = first; i < Expressions.Count; i++) ScanExpressions.Add((scanned, i));
        }
        if (node.TryGetProperty("Plans", out var children))
        {
            foreach (var child in children.EnumerateArray()) Visit(child);
        }
    }

    private void CollectStrings(JsonElement value)
    {
        switch (value.ValueKind)
        {
            case JsonValueKind.String: Expressions.Add(value.GetString()!); break;
            case JsonValueKind.Array: foreach (var item in value.EnumerateArray()) CollectStrings(item); break;
            case JsonValueKind.Object: foreach (var p in value.EnumerateObject()) CollectStrings(p.Value); break;
        }
    }
}

/// <summary>A base relation a plan scans.</summary>
internal sealed record PostgresRelation(string Schema, string Name);
