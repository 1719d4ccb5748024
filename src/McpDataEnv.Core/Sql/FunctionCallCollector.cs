using Microsoft.SqlServer.TransactSql.ScriptDom;

namespace McpDataEnv.Core.Sql;

/// <summary>Collects the unqualified names of all function calls in a ScriptDom tree.</summary>
internal sealed class FunctionCallCollector : TSqlFragmentVisitor
{
    public List<string> Names { get; } = new();

    public override void Visit(FunctionCall node) => Names.Add(node.FunctionName.Value);

    public override void Visit(SchemaObjectFunctionTableReference node) => Names.Add(node.SchemaObject.BaseIdentifier.Value);
}
